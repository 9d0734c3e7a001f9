package com.warehouseexport.export.automatic;

import com.warehouseexport.export.ExportOperations;
import com.warehouseexport.export.ExportRequest;
import com.warehouseexport.export.NodeExportSlots;
import com.warehouseexport.export.destination.PeriodDestinations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/** Job starts in memory: the requests, numbered 100, 101, …; and the node's slots as told. */
class FakeExports implements ExportOperations {

  final List<ExportRequest> requests = new ArrayList<>();
  final List<Long> slotStarts = new ArrayList<>();

  @Override
  public long start(ExportRequest request) {
    requests.add(request);
    return 99 + requests.size();
  }

  @Override
  public long start(ExportRequest request, Properties extra) {
    return start(request);
  }

  @Override
  public long restart(long executionId, Properties overrides) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void stop(long executionId) {
    throw new UnsupportedOperationException();
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
    return new PeriodStarts(claims, this, slots(), destinations());
  }
}
