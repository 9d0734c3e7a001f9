package com.warehouseexport.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;

/**
 * The application's counters and histograms. Micrometer names use dots; the Prometheus registry
 * turns {@code warehouse.exports.started} into {@code warehouse_exports_started_total}, a timer
 * into {@code …_seconds_bucket/_count/_sum} and so on (docs/operations.md lists the exported
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
  private static final String[] DESTINATIONS = {"download", "s3", "postgresql"};

  @Inject private MeterRegistry injected;

  /** The server's registry (see {@link ExportedRegistry}), or null: use {@link #injected}. */
  private MeterRegistry server;

  @PostConstruct
  void findServerRegistry() {
    server = ExportedRegistry.serverRegistry(injected);
  }

  /** The registry meters are registered on (the server's, else WildFly's deployment registry). */
  MeterRegistry exported() {
    return server != null ? server : injected;
  }

  /** True when meter builders reach /metrics (else only the registry's shortcut methods do). */
  boolean buildersReachTheServer() {
    return server != null;
  }

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
      rows(destination).record(Math.max(0, rows));
    } else if (outcome == Outcome.FAILED) {
      exports("failed", destination).increment();
    }
    duration(destination, outcome.name().toLowerCase(Locale.ROOT))
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
    return counter(
        "warehouse.exports." + event,
        "Export executions " + event + " on this node (restarts included)",
        "destination",
        destination);
  }

  private Counter ingestionItems(String result) {
    return counter(
        "warehouse.ingestion.items",
        "Tracking items received by the ingestion API, by result",
        "result",
        result);
  }

  private Counter refused(String limit) {
    return counter(
        "warehouse.manual.exports.refused",
        "Manual exports refused with 429 for fairness, by the limit that refused them",
        "limit",
        limit);
  }

  private Counter counter(String name, String description, String tag, String value) {
    if (server == null) {
      return injected.counter(name, tag, value);
    }
    return Counter.builder(name).description(description).tag(tag, value).register(server);
  }

  private DistributionSummary rows(String destination) {
    if (server == null) {
      return injected.summary("warehouse.export.rows", "destination", destination);
    }
    return DistributionSummary.builder("warehouse.export.rows")
        .description("CSV data rows of export executions completed on this node")
        .tag("destination", destination)
        .publishPercentileHistogram()
        .minimumExpectedValue(1.0)
        .maximumExpectedValue(100_000_000.0)
        .register(server);
  }

  private Timer duration(String destination, String outcome) {
    if (server == null) {
      return injected.timer(
          "warehouse.export.duration", "destination", destination, "outcome", outcome);
    }
    return Timer.builder("warehouse.export.duration")
        .description(
            "Wall-clock time of export executions on this node, by destination and outcome")
        .tag("destination", destination)
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(100))
        .maximumExpectedValue(Duration.ofHours(6))
        .register(server);
  }
}
