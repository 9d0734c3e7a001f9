package com.warehouseexport.export.automatic;

import com.warehouseexport.cluster.ClusterClock;
import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.settings.ExportSettingsSaved;
import com.warehouseexport.platform.DataSources;
import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.platform.SqlDialect;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Claims on (environment, destination, cadence, period) and their delivery state. The primary key
 * makes a claim succeed exactly once across nodes, duplicate timer firings and manual starts;
 * compare-and-set updates make exactly one caller win each retry, re-run or take-over. Every method
 * commits on its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PeriodClaims {

  /** Prefix of {@code claimed_by} for the claims a backfill queued. */
  static final String BACKFILL = "backfill@";

  private static final String COLUMNS =
      "SELECT environment_id, cadence, period, execution_id, attempts, state, claimed_at,"
          + " next_attempt_at, claimed_by, requested_at, destination FROM export_period_claim";

  /** The WHERE clause of one claim. */
  private static final String ONE =
      " WHERE environment_id = ? AND destination = ? AND cadence = ? AND period = ?";

  private static final Logger LOG = Logger.getLogger(PeriodClaims.class.getName());

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  @EJB private ClusterClock clusterClock;

  /** The time claims are stamped with: the cluster's ({@link ClusterClock}) in the container. */
  private LongSupplier millis = System::currentTimeMillis;

  @PostConstruct
  void useClusterClock() {
    millis = clusterClock::millis;
  }

  @jakarta.ejb.EJB private ExportAlertState alertState;

  public PeriodClaims() {}

  /** Outside the container (JDBC tests of the statements that need no alert state). */
  PeriodClaims(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * True if this caller now owns the period, claimed at {@code claimedAt} (epoch millis: also the
   * name of this attempt in its job's parameters); false if someone claimed it before.
   */
  public boolean claim(PeriodId id, String node, long claimedAt) {
    return insert(id, node, ClaimState.STARTED, claimedAt, null);
  }

  /** As {@link #claim}, for a period someone asked for now (its horizon counts from now). */
  public boolean claimRequested(PeriodId id, String node, long claimedAt) {
    return insert(id, node, ClaimState.STARTED, claimedAt, millis.getAsLong());
  }

  /**
   * Claims a period for a backfill without starting it: the claim holds no execution and looks
   * {@code claimedAt} old, so a tick with free capacity starts it (as an unstarted claim) unless
   * the backfill starts it first; {@link #reserve} decides who. False if it was claimed before.
   */
  public boolean claimQueued(PeriodId id, String node, Instant claimedAt) {
    return insert(
        id, BACKFILL + node, ClaimState.STARTED, claimedAt.toEpochMilli(), millis.getAsLong());
  }

  /**
   * Someone asked for the period now (an operator's or admin's run or re-run): its give-up horizon
   * counts from now ({@link PeriodClaim#requestedAt}).
   */
  public void markRequested(PeriodId id) {
    try (Connection c = dataSource.getConnection()) {
      Jdbc.update(
          c,
          "UPDATE export_period_claim SET requested_at = ?" + ONE,
          millis.getAsLong(),
          id.environmentId(),
          id.destination(),
          id.cadence().id(),
          (int) id.period().toEpochDay());
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update export claim: " + e.getMessage(), e);
    }
  }

  /**
   * The claims of an environment's destination and cadence whose period lies in {@code [from, to]},
   * by period: one query for a whole calendar or backfill.
   */
  public Map<LocalDate, PeriodClaim> between(
      long env, String destination, Cadence cadence, LocalDate from, LocalDate to) {
    Map<LocalDate, PeriodClaim> byPeriod = new HashMap<>();
    for (PeriodClaim claim :
        query(
            COLUMNS
                + " WHERE environment_id = ? AND destination = ? AND cadence = ?"
                + " AND period BETWEEN ? AND ?",
            env,
            destination,
            cadence.id(),
            (int) from.toEpochDay(),
            (int) to.toEpochDay())) {
      byPeriod.put(claim.period(), claim);
    }
    return byPeriod;
  }

  /**
   * Records a period that fell outside the look-back window before it was ever attempted, so the
   * status can show it; false if the period was claimed before.
   */
  public boolean recordMissed(PeriodId id, String node) {
    return insert(id, node, ClaimState.MISSED);
  }

  /**
   * Records a period that fell due while automatic export was auto-paused; false if it was claimed
   * before. {@link #resumePaused} on resume queues it.
   */
  public boolean recordPaused(PeriodId id, String node) {
    return insert(id, node, ClaimState.PAUSED);
  }

  /**
   * On resume: the paused periods of {@code cadence} from {@code oldestInWindow} on become queued
   * claims (as a backfill queues them: the next tick with free capacity starts them) with a fresh
   * give-up horizon from now; older paused periods fell out of the look-back window and are dropped
   * (shown as missed), as are all of them when {@code oldestInWindow} is null. Returns how many
   * were queued.
   */
  public int resumePaused(
      long env, String destination, Cadence cadence, LocalDate oldestInWindow, String node) {
    long now = millis.getAsLong();
    try (Connection c = dataSource.getConnection()) {
      Jdbc.update(
          c,
          "DELETE FROM export_period_claim WHERE environment_id = ? AND destination = ?"
              + " AND state = 'paused' AND (cadence <> ? OR period < ?)",
          env,
          destination,
          cadence.id(),
          oldestInWindow == null ? Integer.MAX_VALUE : (int) oldestInWindow.toEpochDay());
      return Jdbc.update(
          c,
          "UPDATE export_period_claim SET state = 'started', execution_id = NULL, claimed_at = ?,"
              + " claimed_by = ?, requested_at = ? WHERE environment_id = ? AND destination = ?"
              + " AND state = 'paused'",
          now - ScheduleSettings.claimDeadline().toMillis() - 1000,
          BACKFILL + node,
          now,
          env,
          destination);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update export claims: " + e.getMessage(), e);
    }
  }

  /**
   * The newest periods with a final outcome (landed or failed for good) that failed, counting back
   * to the newest landed one; newest first.
   */
  public List<LocalDate> consecutiveFailures(long env, String destination, Cadence cadence) {
    List<PeriodClaim> finals =
        query(
            COLUMNS
                + " WHERE environment_id = ? AND destination = ? AND cadence = ?"
                + " AND state IN ('landed', 'failed') ORDER BY period DESC",
            env,
            destination,
            cadence.id());
    List<LocalDate> failed = new ArrayList<>();
    for (PeriodClaim claim : finals) {
      if (claim.state() != ClaimState.FAILED) {
        break;
      }
      failed.add(claim.period());
    }
    return failed;
  }

  private boolean insert(PeriodId id, String node, ClaimState state) {
    return insert(id, node, state, millis.getAsLong(), null);
  }

  private boolean insert(
      PeriodId id, String node, ClaimState state, long claimedAt, Long requestedAt) {
    try (Connection c = dataSource.getConnection()) {
      // A lost race is the common case when nodes share a midnight: on PostgreSQL it is a
      // statement that inserts nothing, not an error (an aborted transaction, a log line on the
      // server and an exception here); H2 has no ON CONFLICT and reports the duplicate key.
      return Jdbc.update(
              c,
              "INSERT INTO export_period_claim (environment_id, destination, cadence, period,"
                  + " execution_id, attempts, claimed_at, claimed_by, state, requested_at)"
                  + " VALUES (?, ?, ?, ?, NULL, 0, ?, ?, ?, ?)"
                  + (SqlDialect.of(c) == SqlDialect.POSTGRESQL ? " ON CONFLICT DO NOTHING" : ""),
              id.environmentId(),
              id.destination(),
              id.cadence().id(),
              (int) id.period().toEpochDay(),
              claimedAt,
              node,
              state.column(),
              requestedAt)
          == 1;
    } catch (SQLException e) {
      if (SqlDialect.isRetryable(e)) {
        return false;
      }
      throw new IllegalStateException("Cannot claim export period: " + e.getMessage(), e);
    }
  }

  /**
   * Points the claim at a new execution if it still points at {@code expected} (compare-and-set):
   * only one node wins a restart or re-run. Counts the attempt; the state becomes started.
   */
  public boolean attach(PeriodId id, Long expected, long executionId) {
    return update(
            "execution_id = ?, attempts = attempts + 1, state = 'started', next_attempt_at = NULL",
            id,
            expected,
            executionId)
        == 1;
  }

  /**
   * Takes over a claim for a retry, re-run or take-over: replaces the execution id {@code expected}
   * by a placeholder (compare-and-set), marks it started at {@code claimedAt} (epoch millis, the
   * attempt's name in its job's parameters) and returns the placeholder, or empty if another caller
   * was first. Follow with {@link #attach} from the placeholder to the new execution.
   */
  public Optional<Long> reserve(PeriodId id, Long expected, long claimedAt) {
    long placeholder = -Math.abs(System.nanoTime() | 1L);
    int updated =
        update(
            "execution_id = ?, state = 'started', claimed_at = ?, next_attempt_at = NULL",
            id,
            expected,
            placeholder,
            claimedAt);
    return updated == 1 ? Optional.of(placeholder) : Optional.empty();
  }

  /** The attempt on {@code executionId} landed; false if the claim moved on (someone else won). */
  public boolean markLanded(PeriodId id, long executionId) {
    return update("state = 'landed', next_attempt_at = NULL", id, executionId) == 1;
  }

  /** How many claims {@link #markLanded(Map)} updates per JDBC batch (and transaction). */
  static final int LANDED_PER_BATCH = 500;

  /**
   * {@link #markLanded(PeriodId, long)} for many claims (a tick settling a midnight's landed
   * exports): one JDBC batch per {@link #LANDED_PER_BATCH} claims instead of a transaction each.
   * Returns the claims whose state this call changed (the others moved on, or were settled by
   * another node meanwhile).
   */
  public Set<PeriodId> markLanded(Map<PeriodId, Long> landed) {
    Set<PeriodId> won = new HashSet<>();
    List<Map.Entry<PeriodId, Long>> all = new ArrayList<>(landed.entrySet());
    for (int from = 0; from < all.size(); from += LANDED_PER_BATCH) {
      List<Map.Entry<PeriodId, Long>> chunk =
          all.subList(from, Math.min(all.size(), from + LANDED_PER_BATCH));
      int[] counts;
      try (Connection c = dataSource.getConnection()) {
        counts =
            Jdbc.batch(
                c,
                "UPDATE export_period_claim SET state = 'landed', next_attempt_at = NULL"
                    + ONE
                    + " AND execution_id = ? AND state <> 'landed'",
                chunk,
                e ->
                    new Object[] {
                      e.getKey().environmentId(),
                      e.getKey().destination(),
                      e.getKey().cadence().id(),
                      (int) e.getKey().period().toEpochDay(),
                      e.getValue()
                    });
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot update export claims: " + e.getMessage(), e);
      }
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0) {
          won.add(chunk.get(i).getKey());
        }
      }
    }
    return won;
  }

  /** The attempt on {@code executionId} failed; the next one is due at {@code next}. */
  public void markRetrying(PeriodId id, long executionId, Instant next) {
    update("state = 'retrying', next_attempt_at = ?", id, executionId, next.toEpochMilli());
  }

  /**
   * The attempt on {@code executionId} failed and the give-up horizon has passed; false if the
   * claim moved on (someone else won).
   */
  public boolean markFailed(PeriodId id, long executionId) {
    return update("state = 'failed', next_attempt_at = NULL", id, executionId) == 1;
  }

  /**
   * After valid settings were saved (and committed): retry every period that has not landed —
   * unless automatic export paused itself: nothing runs then, so a retry "due now" would only sit
   * in the status with a time in the past (issue 22); Resume tries them again.
   */
  public void onSettingsSaved(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) ExportSettingsSaved event) {
    if (alertState.pause(event.environmentId(), event.destination()).isPresent()) {
      LOG.info(
          "Export settings of environment "
              + event.environmentId()
              + " ("
              + event.destination()
              + ") saved while automatic export is paused: the periods that had not landed are"
              + " tried again on Resume");
      return;
    }
    int count = retryNow(event.environmentId(), event.destination());
    if (count > 0) {
      LOG.info(
          "Export settings of environment "
              + event.environmentId()
              + " ("
              + event.destination()
              + ") saved: "
              + count
              + " period(s) that had not landed are tried again now");
    }
  }

  /**
   * The admin changed the settings (or resumed automatic export): every period of the environment's
   * destination that has not landed (waiting for a retry, or failed for good) is due for an attempt
   * now, with a fresh give-up horizon from now. Returns how many.
   */
  public int retryNow(long env, String destination) {
    try (Connection c = dataSource.getConnection()) {
      return Jdbc.update(
          c,
          "UPDATE export_period_claim SET state = 'retrying', next_attempt_at = ?,"
              + " requested_at = ? WHERE environment_id = ? AND destination = ?"
              + " AND state IN ('retrying', 'failed') AND execution_id > 0",
          millis.getAsLong(),
          millis.getAsLong(),
          env,
          destination);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update export claims: " + e.getMessage(), e);
    }
  }

  /**
   * Sets {@code assignments} (with {@code values} first) where the claim still points at {@code
   * expected} (null: no execution yet).
   */
  private int update(String assignments, PeriodId id, Long expected, Object... values) {
    String sql =
        "UPDATE export_period_claim SET "
            + assignments
            + ONE
            + " AND "
            + (expected == null ? "execution_id IS NULL" : "execution_id = ?");
    List<Object> params = new ArrayList<>(Arrays.asList(values));
    params.addAll(
        List.of(
            id.environmentId(),
            id.destination(),
            id.cadence().id(),
            (int) id.period().toEpochDay()));
    if (expected != null) {
      params.add(expected);
    }
    try (Connection c = dataSource.getConnection()) {
      return Jdbc.update(c, sql, params.toArray());
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update export claim: " + e.getMessage(), e);
    }
  }

  public Optional<PeriodClaim> find(PeriodId id) {
    return query(
            COLUMNS + ONE,
            id.environmentId(),
            id.destination(),
            id.cadence().id(),
            (int) id.period().toEpochDay())
        .stream()
        .findFirst();
  }

  /**
   * Every open claim (started or retrying) of every environment, keyed by {@link #key}, oldest
   * period first: one query for a whole tick instead of one per environment.
   */
  public Map<String, List<PeriodClaim>> openByEnvironment() {
    Map<String, List<PeriodClaim>> open = new HashMap<>();
    for (PeriodClaim claim :
        query(COLUMNS + " WHERE state IN ('started', 'retrying') ORDER BY period")) {
      open.computeIfAbsent(
              key(claim.environmentId(), claim.destination(), claim.cadence()),
              k -> new ArrayList<>())
          .add(claim);
    }
    return open;
  }

  /** An environment's destination and cadence: what {@link #latestPeriods} is asked for. */
  public record Schedule(long environmentId, String destination, Cadence cadence) {}

  /** How many schedules one statement of {@link #latestPeriods} asks for at most. */
  static final int SCHEDULES_PER_STATEMENT = 500;

  /**
   * The newest claimed period (in any state) of each of {@code schedules} that has a claim, keyed
   * by {@link #key}: a few statements for a whole tick instead of one per environment. Each is one
   * probe of the claims' primary key per schedule (its newest period), so the cost follows the
   * number of schedules, not the claims kept: aggregating the whole table took 1.1–1.2 s per tick
   * after a year of 10,000 daily environments (3.65 M claims; issue 24, docs/capacity.md).
   */
  public Map<String, LocalDate> latestPeriods(Collection<Schedule> schedules) {
    Map<String, LocalDate> latest = new HashMap<>();
    List<Schedule> all = List.copyOf(schedules);
    try (Connection c = dataSource.getConnection()) {
      for (int from = 0; from < all.size(); from += SCHEDULES_PER_STATEMENT) {
        List<Schedule> chunk =
            all.subList(from, Math.min(all.size(), from + SCHEDULES_PER_STATEMENT));
        List<Object> params = new ArrayList<>();
        for (Schedule k : chunk) {
          params.add(k.environmentId());
          params.add(k.destination());
          params.add(k.cadence().id());
        }
        Jdbc.list(
            c,
            "SELECT k.e, k.d, k.c, (SELECT MAX(p.period) FROM export_period_claim p"
                + " WHERE p.environment_id = k.e AND p.destination = k.d AND p.cadence = k.c)"
                + " FROM (VALUES "
                + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?)"))
                + ") AS k (e, d, c)",
            rs -> {
              int day = rs.getInt(4);
              if (!rs.wasNull()) {
                latest.put(
                    key(rs.getLong(1), rs.getString(2), Cadence.fromId(rs.getString(3))),
                    LocalDate.ofEpochDay(day));
              }
              return null;
            },
            params.toArray());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read export claims: " + e.getMessage(), e);
    }
    return latest;
  }

  /** The key of {@link #openByEnvironment}. */
  public static String key(long env, String destination, Cadence cadence) {
    return env + "/" + destination + "/" + cadence.id();
  }

  /**
   * The claims of an environment's destination in one state, newest period first, at most {@code
   * limit}.
   */
  public List<PeriodClaim> inState(long env, String destination, ClaimState state, int limit) {
    List<PeriodClaim> all =
        query(
            COLUMNS
                + " WHERE environment_id = ? AND destination = ? AND state = ?"
                + " ORDER BY period DESC LIMIT ?",
            env,
            destination,
            state.column(),
            limit);
    return all;
  }

  /** The newest claimed period (in any state). */
  public Optional<LocalDate> latestPeriod(long env, String destination, Cadence cadence) {
    try (Connection c = dataSource.getConnection()) {
      return Jdbc.first(
          c,
          "SELECT MAX(period) FROM export_period_claim WHERE environment_id = ?"
              + " AND destination = ? AND cadence = ?",
          rs -> {
            int day = rs.getInt(1);
            return rs.wasNull() ? null : LocalDate.ofEpochDay(day);
          },
          env,
          destination,
          cadence.id());
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read export claims: " + e.getMessage(), e);
    }
  }

  private static PeriodClaim claim(ResultSet rs) throws SQLException {
    long execution = rs.getLong(4);
    boolean noExecution = rs.wasNull();
    long next = rs.getLong(8);
    boolean noNext = rs.wasNull();
    long requested = rs.getLong(10);
    boolean noRequest = rs.wasNull();
    return new PeriodClaim(
        rs.getLong(1),
        rs.getString(11),
        Cadence.fromId(rs.getString(2)),
        LocalDate.ofEpochDay(rs.getInt(3)),
        noExecution ? null : execution,
        rs.getInt(5),
        ClaimState.of(rs.getString(6)),
        Instant.ofEpochMilli(rs.getLong(7)),
        noNext ? null : Instant.ofEpochMilli(next),
        rs.getString(9),
        noRequest ? null : Instant.ofEpochMilli(requested));
  }

  private List<PeriodClaim> query(String sql, Object... params) {
    try (Connection c = dataSource.getConnection()) {
      return Jdbc.list(c, sql, PeriodClaims::claim, params);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read export claims: " + e.getMessage(), e);
    }
  }
}
