package com.warehouseexport.core.alerts;

import java.util.Objects;

/**
 * One alert as people read it (the e-mail subject and text; the webhook JSON carries the same
 * fields). Names the environment, the period, the error and links to the console.
 *
 * @param kind what happened
 * @param environmentId the environment's id
 * @param environmentName the environment's name
 * @param organizationName its organization's name
 * @param period the period (ISO date) concerned, or null
 * @param error the error an admin would see in the console, or null
 * @param consoleUrl the console page of the environment's automatic export
 * @param destination the destination kind concerned ({@code s3} or {@code postgresql}: an
 *     environment may have one of each), or null (a test message)
 */
public record AlertMessage(
    Kind kind,
    long environmentId,
    String environmentName,
    String organizationName,
    String period,
    String error,
    String consoleUrl,
    String destination) {

  /** A message that concerns no destination in particular (a test). */
  public AlertMessage(
      Kind kind,
      long environmentId,
      String environmentName,
      String organizationName,
      String period,
      String error,
      String consoleUrl) {
    this(kind, environmentId, environmentName, organizationName, period, error, consoleUrl, null);
  }

  /** The destination as people name it: "the bucket", "the PostgreSQL table". */
  public String destinationName() {
    return "postgresql".equals(destination) ? "the PostgreSQL table" : "the bucket";
  }

  /** The events (their JSON names). */
  public enum Kind {
    PERIOD_FAILED("period.failed"),
    AUTO_PAUSED("export.paused"),
    RECOVERED("export.recovered"),
    TEST("test");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    /** The event name in the JSON body and the {@code X-Warehouse-Event} header. */
    public String id() {
      return id;
    }

    public static Kind fromId(String id) {
      for (Kind k : values()) {
        if (k.id.equals(id)) {
          return k;
        }
      }
      throw new IllegalArgumentException("Unknown alert event: " + id);
    }
  }

  public AlertMessage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(environmentName, "environmentName");
    Objects.requireNonNull(organizationName, "organizationName");
    Objects.requireNonNull(consoleUrl, "consoleUrl");
  }

  /** " to the PostgreSQL table" when the message concerns a destination, else "". */
  private String to() {
    return destination == null ? "" : " to " + destinationName();
  }

  /** The one-line summary (the e-mail subject). */
  public String subject() {
    String env = "\"" + environmentName + "\" (" + organizationName + ")";
    return "[Warehouse Export] "
        + switch (kind) {
          case PERIOD_FAILED -> "Export of " + env + " for " + period + " failed for good" + to();
          case AUTO_PAUSED -> "Automatic export of " + env + to() + " is paused";
          case RECOVERED ->
              "Automatic export of " + env + to() + " recovered (" + period + " landed)";
          case TEST -> "Test notification for " + env;
        };
  }

  /** The plain-text body of the e-mail. */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append(
        switch (kind) {
          case PERIOD_FAILED ->
              "The automatic export of the period "
                  + period
                  + " failed for good: it was retried until the give-up horizon passed.\n"
                  + "Fix the settings of "
                  + destinationName()
                  + " and save them to export it again.";
          case AUTO_PAUSED ->
              "Automatic export paused itself after consecutive periods failed for good"
                  + (period == null ? "" : " (the newest of them " + period + ")")
                  + ".\nNothing is exported until an admin presses Resume in the console; resuming"
                  + " exports the paused periods within the look-back window.";
          case RECOVERED ->
              "The period "
                  + period
                  + " landed in "
                  + destinationName()
                  + ": the first successful export after a failure.";
          case TEST -> "This is a test notification. Alerts of this environment reach you here.";
        });
    b.append("\n\nEnvironment: ")
        .append(environmentName)
        .append(" (id ")
        .append(environmentId)
        .append(")\nOrganization: ")
        .append(organizationName);
    if (destination != null) {
      String name = destinationName();
      b.append("\nDestination: ")
          .append(Character.toUpperCase(name.charAt(4)))
          .append(name.substring(5));
    }
    if (period != null) {
      b.append("\nPeriod: ").append(period);
    }
    if (error != null) {
      b.append("\nError: ").append(error);
    }
    b.append("\nConsole: ").append(consoleUrl).append('\n');
    return b.toString();
  }
}
