package com.warehouseexport.web.console;

import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.history.ExportExecution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the run page and the history say who started an export and list the attempts of a period, in
 * a customer's words (PRODUCT.md §12): never the scheduler's internal notes ("unstarted claim") or
 * class names. Pure, unit-tested.
 */
public final class RunWords {

  private static final Pattern ATTEMPT = Pattern.compile("scheduler \\(attempt (\\d+)\\)");
  private static final List<String> PERSON_PREFIXES =
      List.of("backfill by ", "re-export by ", "export by ");

  private RunWords() {}

  /**
   * Who or what started an export: "scheduled export", "automatic retry (attempt 2)", "backfill by
   * alice@…", "re-export by alice@…", "manual download by alice@…" or "export by alice@…" (an
   * operator's run of a period); "" when nobody is recorded.
   *
   * @param destination job parameter {@code destination} (absent or {@code download}: a download)
   * @param requestedBy job parameter {@code requestedBy}
   */
  public static String startedBy(String destination, String requestedBy) {
    if (requestedBy == null || requestedBy.isBlank()) {
      return "";
    }
    String by = requestedBy.strip();
    if (by.startsWith("scheduler (queued")) {
      return "backfill or resume (queued)";
    }
    if (by.startsWith("scheduler")) {
      Matcher attempt = ATTEMPT.matcher(by);
      return attempt.matches()
          ? "automatic retry (attempt " + attempt.group(1) + ")"
          : "scheduled export";
    }
    for (String prefix : PERSON_PREFIXES) {
      if (by.startsWith(prefix)) {
        return by;
      }
    }
    return ExportJob.isDownload(destination) ? "manual download by " + by : "export by " + by;
  }

  /**
   * One attempt as the run page lists it: {@code started} and {@code ended} to the second for
   * people, {@code startedAt} and {@code endedAt} ISO-8601 for {@code <time datetime>} ("" when not
   * yet).
   */
  public record Attempt(
      int number,
      long executionId,
      String status,
      String statusClass,
      String startedBy,
      String started,
      String startedAt,
      String ended,
      String endedAt,
      String error,
      boolean current) {}

  /**
   * The attempts of a run's period (or job instance), oldest first and numbered from 1; {@code
   * current} marks the run the page is about. A stopped or abandoned attempt without an error says
   * so.
   */
  public static List<Attempt> attempts(List<ExportExecution> executions, long current) {
    List<ExportExecution> sorted = new ArrayList<>(executions);
    sorted.sort(Comparator.comparingLong(ExportExecution::executionId));
    List<Attempt> attempts = new ArrayList<>();
    int number = 0;
    for (ExportExecution e : sorted) {
      number++;
      String status = e.status() == null ? "" : e.status().name();
      attempts.add(
          new Attempt(
              number,
              e.executionId(),
              Formats.status(status),
              "status-" + status.toLowerCase(Locale.ROOT),
              startedBy(e.destination(), e.requestedBy()),
              Formats.instantSeconds(e.startedAt()),
              Formats.iso(e.startedAt()),
              Formats.instantSeconds(e.endedAt()),
              Formats.iso(e.endedAt()),
              error(e),
              e.executionId() == current));
    }
    return attempts;
  }

  private static String error(ExportExecution e) {
    if (e.error() != null) {
      return e.error();
    }
    if (e.status() == jakarta.batch.runtime.BatchStatus.STOPPED) {
      return "Stopped before it finished.";
    }
    if (e.status() == jakarta.batch.runtime.BatchStatus.ABANDONED) {
      return "Abandoned: it will not be restarted.";
    }
    return null;
  }

  /**
   * The note an export shows from a press on Stop until it has stopped: while it is {@code running}
   * and either Stop was pressed on this page or its status is already STOPPING; "" otherwise (it
   * has stopped, or ended anyway: its status says which).
   */
  public static String stopping(ExportExecution e, boolean stopPressed) {
    if (e == null
        || !e.isRunning()
        || !(stopPressed || e.status() == jakarta.batch.runtime.BatchStatus.STOPPING)) {
      return "";
    }
    return "Export "
        + e.executionId()
        + " is stopping: it ends after its current chunk and can be restarted.";
  }

  /**
   * What the file's retention means for a completed download at {@code now}: "Kept until …" or "No
   * longer kept (…)".
   */
  public static String retention(Instant retainedUntil, Instant now) {
    if (retainedUntil == null) {
      return "";
    }
    return retainedUntil.isAfter(now)
        ? "Kept until " + Formats.instant(retainedUntil) + "."
        : "No longer kept: downloads are deleted after "
            + Formats.instant(retainedUntil)
            + "; start a new export.";
  }
}
