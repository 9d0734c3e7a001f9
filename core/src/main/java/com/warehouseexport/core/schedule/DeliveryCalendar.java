package com.warehouseexport.core.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The delivery calendar of an automatic export: the newest {@link #size(Cadence) 60 daily or 26
 * weekly} periods, oldest first, ending with the period that has not ended yet, each in one {@link
 * State}, derived from facts the caller reads in bulk (the claims of those periods with the state
 * of their latest execution, the environment's settings and pause).
 *
 * <p>A period without a claim is judged exactly as the scheduler would judge it ({@link
 * ExportSchedule#duePeriods} and {@link ExportSchedule#missedPeriods}): due and eligible means
 * {@link State#QUEUED} (the next tick starts it), eligible but older than the look-back window
 * means {@link State#MISSED}, anything else (before automatic export began, a gap the schedule will
 * not fill, automatic export switched off) is {@link State#NOT_EXPORTED}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DeliveryCalendar {

  /** Cells of a daily calendar. */
  public static final int DAILY_CELLS = 60;

  /** Cells of a weekly calendar. */
  public static final int WEEKLY_CELLS = 26;

  /** What a cell shows. */
  public enum State {
    /** The object is in the bucket. */
    LANDED("landed", "landed"),
    /** An execution is running for the period. */
    EXPORTING("exporting", "exporting"),
    /** Due (or claimed by a backfill) and about to be started by the next tick. */
    QUEUED("queued", "queued"),
    /** An attempt failed; another one follows (backoff), until the give-up horizon. */
    RETRYING("retrying", "retrying"),
    /** Failed for good: the give-up horizon passed. */
    FAILED("failed", "failed for good"),
    /** Fell out of the look-back window before it was ever attempted. */
    MISSED("missed", "missed"),
    /** Fell due while automatic export was paused (auto-pause). */
    PAUSED("paused", "paused"),
    /** The period has not ended yet, or its grace delay has not passed. */
    NOT_DUE("not-due", "not due yet"),
    /** Never attempted, and the schedule will not: before automatic export began, or it was off. */
    NOT_EXPORTED("not-exported", "not exported");

    private final String id;
    private final String label;

    State(String id, String label) {
      this.id = id;
      this.label = label;
    }

    /** The stable identifier used in JSON and CSS classes ({@code not-due}). */
    public String id() {
      return id;
    }

    /** Words for people ({@code not due yet}). */
    public String label() {
      return label;
    }
  }

  /** The delivery state of a claimed period, as stored with its claim. */
  public enum ClaimState {
    STARTED,
    RETRYING,
    LANDED,
    FAILED,
    MISSED,
    PAUSED;

    /** Parses the stored lower-case name. */
    public static ClaimState of(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  /** The state of the execution a claim points at. */
  public enum Run {
    /** No execution attached (being started, or queued by a backfill). */
    NONE,
    RUNNING,
    COMPLETED,
    /** Failed, stopped or abandoned. */
    FAILED,
    /** The execution is no longer in the job repository. */
    UNKNOWN
  }

  /** A claimed period: what the claim says, and the state of its latest execution. */
  public record Claim(
      LocalDate period, ClaimState state, Long executionId, int attempts, Run run, String error) {
    public Claim {
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(run, "run");
    }
  }

  /**
   * The environment's automatic export as the scheduler sees it.
   *
   * @param active switched on and allowed by the plan (when false, unclaimed periods are not
   *     exported)
   * @param paused auto-paused: due periods without a claim are shown as paused
   * @param firstPeriod the first eligible period (the settings' {@code firstPeriod})
   * @param latestClaimed the newest claimed period of the cadence, or null
   * @param lookBackPeriods the scheduler's look-back window, at least 1
   */
  public record Facts(
      boolean active,
      boolean paused,
      LocalDate firstPeriod,
      LocalDate latestClaimed,
      int lookBackPeriods) {
    public Facts {
      Objects.requireNonNull(firstPeriod, "firstPeriod");
      if (lookBackPeriods < 1) {
        throw new IllegalArgumentException("lookBackPeriods must be at least 1");
      }
    }
  }

  /**
   * One cell.
   *
   * @param executionId the latest execution of the period (null when none)
   * @param attempts attempts started (0 when never attempted)
   * @param error the error of a failed latest attempt (retrying or failed), else null
   */
  public record Cell(LocalDate period, State state, Long executionId, int attempts, String error) {}

  private final ExportSchedule schedule;

  public DeliveryCalendar(ExportSchedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** 60 cells for a daily schedule, 26 for a weekly one. */
  public static int size(Cadence cadence) {
    return cadence == Cadence.DAILY ? DAILY_CELLS : WEEKLY_CELLS;
  }

  /**
   * The periods of the calendar at {@code now}, oldest first: {@link #size} periods ending with the
   * first period that is not due yet (the day, or the Mon–Sun week identified by its Sunday, that
   * contains the next run).
   */
  public List<LocalDate> periods(Cadence cadence, Instant now) {
    Objects.requireNonNull(cadence, "cadence");
    LocalDate newest =
        cadence.next(
            schedule
                .latestDuePeriod(cadence, now)
                .orElseThrow(() -> new IllegalArgumentException("Instant out of range: " + now)));
    int size = size(cadence);
    List<LocalDate> periods = new ArrayList<>(size);
    for (LocalDate p = cadence.minus(newest, size - 1L); !p.isAfter(newest); p = cadence.next(p)) {
      periods.add(p);
    }
    return List.copyOf(periods);
  }

  /**
   * The cells of the calendar at {@code now}.
   *
   * @param claims the claims of (at least) the calendar's periods, by period
   */
  public List<Cell> cells(Cadence cadence, Instant now, Facts facts, Map<LocalDate, Claim> claims) {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(claims, "claims");
    List<LocalDate> periods = periods(cadence, now);
    Set<LocalDate> due =
        new HashSet<>(
            schedule.duePeriods(
                cadence, now, facts.latestClaimed(), facts.firstPeriod(), facts.lookBackPeriods()));
    Set<LocalDate> missed =
        new HashSet<>(
            schedule.missedPeriods(
                cadence,
                now,
                facts.latestClaimed(),
                facts.firstPeriod(),
                facts.lookBackPeriods(),
                periods.size()));
    Optional<LocalDate> latestDue = schedule.latestDuePeriod(cadence, now);
    List<Cell> cells = new ArrayList<>(periods.size());
    for (LocalDate period : periods) {
      Claim claim = claims.get(period);
      if (claim != null) {
        cells.add(facts.paused() ? whilePaused(claimed(claim)) : claimed(claim));
      } else if (latestDue.isEmpty() || period.isAfter(latestDue.get())) {
        cells.add(new Cell(period, State.NOT_DUE, null, 0, null));
      } else if (!facts.active()) {
        cells.add(new Cell(period, State.NOT_EXPORTED, null, 0, null));
      } else if (due.contains(period)) {
        cells.add(new Cell(period, facts.paused() ? State.PAUSED : State.QUEUED, null, 0, null));
      } else if (missed.contains(period)) {
        cells.add(new Cell(period, State.MISSED, null, 0, null));
      } else {
        cells.add(new Cell(period, State.NOT_EXPORTED, null, 0, null));
      }
    }
    return List.copyOf(cells);
  }

  /**
   * While automatic export is paused nothing starts: a period waiting for its retry (or queued by a
   * backfill) waits for Resume, and is shown as paused (keeping its attempts and last error) rather
   * than as retrying at an instant that passes with nothing running. Resume retries it with a fresh
   * give-up horizon.
   */
  static Cell whilePaused(Cell cell) {
    return cell.state() == State.RETRYING || cell.state() == State.QUEUED
        ? new Cell(cell.period(), State.PAUSED, cell.executionId(), cell.attempts(), cell.error())
        : cell;
  }

  /** The cell of a claimed period. */
  static Cell claimed(Claim claim) {
    Long execution =
        claim.executionId() == null || claim.executionId() < 0 ? null : claim.executionId();
    State state =
        switch (claim.state()) {
          case LANDED -> State.LANDED;
          case RETRYING -> State.RETRYING;
          case FAILED -> State.FAILED;
          case MISSED -> State.MISSED;
          case PAUSED -> State.PAUSED;
          case STARTED ->
              execution == null
                  ? State.QUEUED
                  : switch (claim.run()) {
                    case COMPLETED -> State.LANDED; // the next tick marks the claim landed
                    case FAILED -> State.RETRYING; // the next tick schedules the retry
                    case RUNNING, NONE, UNKNOWN -> State.EXPORTING;
                  };
        };
    String error = state == State.RETRYING || state == State.FAILED ? claim.error() : null;
    return new Cell(claim.period(), state, execution, claim.attempts(), error);
  }

  @Override
  public String toString() {
    return "DeliveryCalendar[" + schedule + "]";
  }
}
