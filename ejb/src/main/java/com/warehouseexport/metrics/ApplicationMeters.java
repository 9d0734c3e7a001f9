package com.warehouseexport.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;

/**
 * The application's counters and histograms. Micrometer names use dots; the Prometheus registry
 * turns {@code warehouse.exports.started} into {@code warehouse_exports_started_total}, a timer
 * into {@code …_seconds_bucket/_count/_sum} and so on (README "Operations" lists the exported
 * names).
 */
@ApplicationScoped
public class ApplicationMeters {

  /** How an export execution ended, as far as the meters are concerned. */
  public enum Outcome {
    COMPLETED,
    FAILED,
    STOPPED
  }

  /** The export destinations (job parameter {@code destination}). */
  private static final String[] DESTINATIONS = {"download", "s3"};

  @Inject private MeterRegistry registry;

  /** Registers every counter at zero, so /metrics lists them before the first event. */
  public void registerAtZero() {
    for (String destination : DESTINATIONS) {
      exports("started", destination);
      exports("completed", destination);
      exports("failed", destination);
    }
    ingestionItems("accepted");
    ingestionItems("rejected");
    refused("environment");
    refused("node");
  }

  /** An export execution (first run or restart) began on this node. */
  public void exportStarted(String destination) {
    exports("started", destination).increment();
  }

  /**
   * An export execution ended on this node: counted as completed or failed (stopped ones only in
   * the duration histogram), with its duration and, when it completed, its rows.
   */
  public void exportEnded(String destination, Outcome outcome, Duration duration, long rows) {
    if (outcome == Outcome.COMPLETED) {
      exports("completed", destination).increment();
      DistributionSummary.builder("warehouse.export.rows")
          .description("CSV data rows of export executions completed on this node")
          .tag("destination", destination)
          .publishPercentileHistogram()
          .minimumExpectedValue(1.0)
          .maximumExpectedValue(100_000_000.0)
          .register(registry)
          .record(Math.max(0, rows));
    } else if (outcome == Outcome.FAILED) {
      exports("failed", destination).increment();
    }
    Timer.builder("warehouse.export.duration")
        .description(
            "Wall-clock time of export executions on this node, by destination and outcome")
        .tag("destination", destination)
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(100))
        .maximumExpectedValue(Duration.ofHours(6))
        .register(registry)
        .record(duration.isNegative() ? Duration.ZERO : duration);
  }

  /** Tracking items taken by the ingestion API (stored) and refused (invalid). */
  public void ingestion(int accepted, int rejected) {
    if (accepted > 0) {
      ingestionItems("accepted").increment(accepted);
    }
    if (rejected > 0) {
      ingestionItems("rejected").increment(rejected);
    }
  }

  /**
   * A manual export (start or restart) refused with 429 for fairness: {@code environment} (the
   * per-environment limit) or {@code node} (capacity kept for the schedule).
   */
  public void manualExportRefused(String limit) {
    refused(limit).increment();
  }

  private Counter exports(String event, String destination) {
    return Counter.builder("warehouse.exports." + event)
        .description("Export executions " + event + " on this node (restarts included)")
        .tag("destination", destination)
        .register(registry);
  }

  private Counter ingestionItems(String result) {
    return Counter.builder("warehouse.ingestion.items")
        .description("Tracking items received by the ingestion API, by result")
        .tag("result", result)
        .register(registry);
  }

  private Counter refused(String limit) {
    return Counter.builder("warehouse.manual.exports.refused")
        .description("Manual exports refused with 429 for fairness, by the limit that refused them")
        .tag("limit", limit)
        .register(registry);
  }
}
