package com.warehouseexport.export.automatic;

import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportOperations;
import com.warehouseexport.export.ExportRequest;
import com.warehouseexport.export.NodeExportSlots;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.destination.PeriodDestinations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** Job starts in memory: the requests, numbered 100, 101, …; and the node's slots as told. */
class FakeExports implements ExportOperations {

  final List<ExportRequest> requests = new ArrayList<>();
  final List<Properties> parameters = new ArrayList<>();
  final List<Long> slotStarts = new ArrayList<>();
  final List<Long> stopped = new ArrayList<>();

  /** Runs after each start returned its execution id (a fault between start and attach). */
  Runnable afterStart = () -> {};

  @Override
  public long start(ExportRequest request) {
    return start(request, new Properties());
  }

  @Override
  public long start(ExportRequest request, Properties extra) {
    requests.add(request);
    parameters.add(extra);
    long id = 99 + requests.size();
    afterStart.run();
    return id;
  }

  @Override
  public Optional<Long> startedForClaim(PeriodId id, long claimedAt) {
    for (int i = 0; i < requests.size(); i++) {
      ExportRequest r = requests.get(i);
      if (r.environmentId() == id.environmentId()
          && id.destination().equals(r.destination())
          && id.cadence().id().equals(r.cadence())
          && id.period().toString().equals(r.period())
          && String.valueOf(claimedAt)
              .equals(parameters.get(i).getProperty(ExportJob.CLAIMED_AT))) {
        return Optional.of(100L + i);
      }
    }
    return Optional.empty();
  }

  @Override
  public long restart(long executionId, Properties overrides) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void stop(long executionId) {
    stopped.add(executionId);
  }

  @Override
  public void abandon(long executionId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<RunningExport> running(Collection<Long> skip) {
    throw new UnsupportedOperationException();
  }

  /** Slots that record what this node was told it started. */
  NodeExportSlots slots() {
    return new NodeExportSlots() {
      @Override
      public void started(long executionId, String destination) {
        slotStarts.add(executionId);
      }
    };
  }

  static PeriodDestinations destinations() {
    return new PeriodDestinations();
  }

  PeriodStarts starts(PeriodClaims claims) {
    return new PeriodStarts(claims, this, slots(), System::currentTimeMillis);
  }
}
