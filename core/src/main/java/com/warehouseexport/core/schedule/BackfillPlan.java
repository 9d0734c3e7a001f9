package com.warehouseexport.core.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which periods a backfill of a date range exports. The range is checked first ({@link #check}):
 * {@code from} not after {@code to}, the range holds at least one period of the cadence (weekly: a
 * Sunday), its newest period is due (not in the future and past the grace delay), its oldest period
 * lies within the scheduler's look-back window, and it spans at most {@link DeliveryCalendar#size
 * 60 daily or 26 weekly} periods. Then every period of the range is either exported — it has never
 * been claimed — or left alone, with the reason: a period that landed is not exported again, one
 * being exported or waiting for a retry is left to the schedule, one that failed for good is tried
 * again when the settings are saved (the semantics of the operators' backfill, which exports only
 * periods that were never attempted).
 */
public final class BackfillPlan {

  /** What the backfill does with one period. */
  public enum Action {
    EXPORT("export", "will be exported"),
    LANDED("landed", "already landed; not exported again"),
    IN_PROGRESS("in-progress", "being exported or waiting for a retry"),
    FAILED("failed", "failed for good; saving the export settings tries it again"),
    MISSED("missed", "recorded as missed"),
    PAUSED("paused", "paused; Resume exports it");

    private final String id;
    private final String label;

    Action(String id, String label) {
      this.id = id;
      this.label = label;
    }

    public String id() {
      return id;
    }

    public String label() {
      return label;
    }
  }

  /** One period of the range. */
  public record Item(LocalDate period, Action action) {}

  /** A range that cannot be backfilled: {@code field} ({@code from} or {@code to}) says which. */
  public static final class RangeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public RangeException(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  private final Cadence cadence;
  private final List<Item> items;

  private BackfillPlan(Cadence cadence, List<Item> items) {
    this.cadence = cadence;
    this.items = List.copyOf(items);
  }

  /**
   * Checks the range and returns its periods, oldest first.
   *
   * @throws RangeException naming the field that is wrong
   */
  public static List<LocalDate> check(
      ExportSchedule schedule,
      Cadence cadence,
      Instant now,
      LocalDate from,
      LocalDate to,
      int lookBackPeriods) {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(cadence, "cadence");
    if (from == null) {
      throw new RangeException("from", "from is required (a date YYYY-MM-DD)");
    }
    if (to == null) {
      throw new RangeException("to", "to is required (a date YYYY-MM-DD)");
    }
    if (from.isAfter(to)) {
      throw new RangeException("to", "to (" + to + ") must not be before from (" + from + ")");
    }
    LocalDate first =
        cadence == Cadence.DAILY ? from : from.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
    LocalDate last =
        cadence == Cadence.DAILY ? to : to.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
    if (first.isAfter(last)) {
      throw new RangeException(
          "from",
          "The range "
              + from
              + " to "
              + to
              + " holds no weekly period: a weekly period is a Mon–Sun week, named by its Sunday");
    }
    LocalDate latestDue =
        schedule
            .latestDuePeriod(cadence, now)
            .orElseThrow(() -> new IllegalArgumentException("Instant out of range: " + now));
    if (last.isAfter(latestDue)) {
      throw new RangeException(
          "to",
          "to must not be after "
              + latestDue
              + ", the newest "
              + (cadence == Cadence.DAILY ? "day" : "week")
              + " that has ended and is due for export");
    }
    LocalDate oldest = cadence.minus(latestDue, lookBackPeriods - 1L);
    if (first.isBefore(oldest)) {
      throw new RangeException(
          "from",
          "from must not be before "
              + oldest
              + ": older periods are outside the look-back window of "
              + lookBackPeriods
              + (cadence == Cadence.DAILY ? " days" : " weeks"));
    }
    List<LocalDate> periods = new ArrayList<>();
    for (LocalDate p = first; !p.isAfter(last); p = cadence.next(p)) {
      periods.add(p);
    }
    int max = DeliveryCalendar.size(cadence);
    if (periods.size() > max) {
      throw new RangeException(
          "from",
          "A backfill covers at most "
              + max
              + (cadence == Cadence.DAILY ? " days" : " weeks")
              + "; this range has "
              + periods.size());
    }
    return List.copyOf(periods);
  }

  /**
   * The plan for a range: {@link #check} and the action for each period.
   *
   * @param claimed the claim state of the range's periods that were claimed, by period
   * @throws RangeException naming the field that is wrong
   */
  public static BackfillPlan of(
      ExportSchedule schedule,
      Cadence cadence,
      Instant now,
      LocalDate from,
      LocalDate to,
      int lookBackPeriods,
      Map<LocalDate, DeliveryCalendar.ClaimState> claimed) {
    Objects.requireNonNull(claimed, "claimed");
    List<Item> items = new ArrayList<>();
    for (LocalDate period : check(schedule, cadence, now, from, to, lookBackPeriods)) {
      DeliveryCalendar.ClaimState state = claimed.get(period);
      Action action =
          state == null
              ? Action.EXPORT
              : switch (state) {
                case LANDED -> Action.LANDED;
                case STARTED, RETRYING -> Action.IN_PROGRESS;
                case FAILED -> Action.FAILED;
                case MISSED -> Action.MISSED;
                case PAUSED -> Action.PAUSED;
              };
      items.add(new Item(period, action));
    }
    return new BackfillPlan(cadence, items);
  }

  public Cadence cadence() {
    return cadence;
  }

  /** Every period of the range, oldest first. */
  public List<Item> items() {
    return items;
  }

  /** The periods that will be exported, oldest first. */
  public List<LocalDate> toExport() {
    return items.stream().filter(i -> i.action() == Action.EXPORT).map(Item::period).toList();
  }
}
