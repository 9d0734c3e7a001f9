package com.warehouseexport.metrics;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.export.automatic.ScheduleSettings;
import com.warehouseexport.platform.DataSources;
import com.warehouseexport.platform.Jdbc;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The delivery gauges of automatic export, read from the period claims (shared by all nodes, so
 * every node reports the same values) at most every few seconds: periods waiting for a retry, and
 * the age of the oldest period that has not landed. Also registers the application's counters at
 * zero when the application starts.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryGauges {

  private static final Logger LOG = Logger.getLogger(DeliveryGauges.class.getName());

  static final String WAITING = "warehouse.export.periods.waiting.retry";
  static final String OLDEST = "warehouse.export.oldest.unlanded.period.age";

  /** How long one reading of the claims table is reused. */
  static final Duration CACHE = Duration.ofSeconds(5);

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  @Inject private ApplicationMeters meters;

  private final Clock clock = Clock.systemUTC();
  private final ExportSchedule schedule = ScheduleSettings.schedule();
  private volatile Reading reading = new Reading(Instant.EPOCH, Double.NaN, Double.NaN);

  /**
   * What the gauges read. Micrometer keeps only a weak reference to a gauge's object, and the
   * gauges read NaN once it is collected (seen after a GC in the full suite), so the object is held
   * here, strongly, for the life of the deployment.
   */
  private static final AtomicReference<DeliveryGauges> CURRENT = new AtomicReference<>();

  private MeterRegistry registry;

  /** One reading of the claims: when, and the two values (NaN when the database did not answer). */
  record Reading(Instant at, double waitingForRetry, double oldestUnlandedSeconds) {}

  @PostConstruct
  void register() {
    meters.registerAtZero();
    CURRENT.set(this);
    MeterRegistry target = meters.exported();
    registry = target;
    if (meters.buildersReachTheServer()) {
      Gauge.builder(WAITING, CURRENT, g -> reading(g).waitingForRetry())
          .strongReference(true)
          .description(
              "Automatic-export periods whose last attempt failed and that wait for a retry")
          .register(target);
      Gauge.builder(OLDEST, CURRENT, g -> reading(g).oldestUnlandedSeconds())
          .strongReference(true)
          .description(
              "Seconds since the oldest automatic-export period that has not landed (being"
                  + " exported, waiting for a retry or failed for good) fell due; 0 when every"
                  + " claimed period landed")
          .baseUnit("seconds")
          .register(target);
    } else {
      target.gauge(WAITING, List.of(), CURRENT, g -> reading(g).waitingForRetry());
      target.gauge(
          OLDEST + ".seconds", List.of(), CURRENT, g -> reading(g).oldestUnlandedSeconds());
    }
  }

  /**
   * The gauges live in the server's registry, which outlives this deployment: a redeployed
   * application would find this deployment's gauges (Micrometer keeps the first registration of a
   * name), reading an object that is gone — NaN. So they leave with the deployment.
   */
  @PreDestroy
  void unregister() {
    CURRENT.compareAndSet(this, null);
    if (registry != null) {
      for (String name : List.of(WAITING, OLDEST, OLDEST + ".seconds")) {
        Gauge gauge = registry.find(name).gauge();
        if (gauge != null) {
          registry.remove(gauge);
        }
      }
    }
  }

  private static Reading reading(AtomicReference<DeliveryGauges> holder) {
    DeliveryGauges gauges = holder.get();
    return gauges == null ? new Reading(Instant.EPOCH, Double.NaN, Double.NaN) : gauges.current();
  }

  Reading current() {
    Reading last = reading;
    Instant now = clock.instant();
    if (Duration.between(last.at(), now).compareTo(CACHE) < 0) {
      return last;
    }
    Reading fresh = read(now);
    reading = fresh;
    return fresh;
  }

  /**
   * Seconds since the period fell due (0 if it is not due yet), in seconds so that even an absurdly
   * old period (an operator may run any representable date) cannot overflow; 0 for a row that does
   * not describe a period of its cadence.
   */
  private double ageSeconds(String cadenceId, int epochDay, Instant now) {
    try {
      Instant due = schedule.runAt(Cadence.fromId(cadenceId), LocalDate.ofEpochDay(epochDay));
      return Math.max(0, (double) Duration.between(due, now).getSeconds());
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Delivery gauges: no due time for " + cadenceId + " " + epochDay, e);
      return 0;
    }
  }

  private Reading read(Instant now) {
    try (Connection c = dataSource.getConnection()) {
      double waiting =
          Jdbc.first(
                  c,
                  "SELECT COUNT(*) FROM export_period_claim WHERE state = 'retrying'",
                  rs -> rs.getLong(1))
              .orElse(0L);
      double oldest = 0;
      for (double age :
          Jdbc.list(
              c,
              "SELECT cadence, MIN(period) FROM export_period_claim"
                  + " WHERE state IN ('started', 'retrying', 'failed') GROUP BY cadence",
              rs -> ageSeconds(rs.getString(1), rs.getInt(2), now))) {
        oldest = Math.max(oldest, age);
      }
      return new Reading(now, waiting, oldest);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Delivery gauges: the claims could not be read", e);
      return new Reading(now, Double.NaN, Double.NaN);
    }
  }
}
