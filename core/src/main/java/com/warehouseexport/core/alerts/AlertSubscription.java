package com.warehouseexport.core.alerts;

import com.warehouseexport.core.alerts.AlertMessage.Kind;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which events a notification target receives (PRODUCT.md §12: each target subscribed to the events
 * it wants): any of {@link #EVENTS}; the test notification reaches every target. Stored as a
 * comma-separated list of event names; null (targets made before subscriptions existed) means all.
 */
public final class AlertSubscription {

  /** The events a target may subscribe to, in the order they are shown. */
  public static final List<Kind> EVENTS =
      List.of(Kind.PERIOD_FAILED, Kind.AUTO_PAUSED, Kind.RECOVERED);

  private AlertSubscription() {}

  /** Every event (the default of a new target). */
  public static Set<Kind> all() {
    return EnumSet.copyOf(EVENTS);
  }

  /**
   * The events named by {@code names} (their JSON names, e.g. {@code period.failed}); null means
   * all. {@link IllegalArgumentException} with a message for the admin when a name is unknown or
   * none is given.
   */
  public static Set<Kind> parse(Collection<String> names) {
    if (names == null) {
      return all();
    }
    Set<Kind> events = EnumSet.noneOf(Kind.class);
    for (String name : names) {
      Kind kind = EVENTS.stream().filter(k -> k.id().equals(name)).findFirst().orElse(null);
      if (kind == null) {
        throw new IllegalArgumentException(
            "Unknown event '"
                + (name == null ? "" : name.length() > 40 ? name.substring(0, 40) + "…" : name)
                + "': choose from "
                + EVENTS.stream().map(Kind::id).collect(Collectors.joining(", ")));
      }
      events.add(kind);
    }
    if (events.isEmpty()) {
      throw new IllegalArgumentException(
          "Choose at least one event (a target that receives nothing can be removed instead)");
    }
    return events;
  }

  /** The stored form: event names in {@link #EVENTS} order, comma-separated. */
  public static String column(Set<Kind> events) {
    return EVENTS.stream().filter(events::contains).map(Kind::id).collect(Collectors.joining(","));
  }

  /** The events of a stored column; null or blank (an older target) means all. */
  public static Set<Kind> fromColumn(String column) {
    if (column == null || column.isBlank()) {
      return all();
    }
    Set<Kind> events = EnumSet.noneOf(Kind.class);
    for (String name : column.split(",")) {
      EVENTS.stream().filter(k -> k.id().equals(name.trim())).findFirst().ifPresent(events::add);
    }
    return events.isEmpty() ? all() : events;
  }

  /** Whether a target subscribed to {@code events} receives a message of {@code kind}. */
  public static boolean receives(Set<Kind> events, Kind kind) {
    return kind == Kind.TEST || events.contains(kind);
  }

  /** The event in an admin's words. */
  public static String label(Kind kind) {
    return switch (kind) {
      case PERIOD_FAILED -> "a period failed for good";
      case AUTO_PAUSED -> "automatic export paused itself";
      case RECOVERED -> "recovered after a failure";
      case TEST -> "test notification";
    };
  }

  /** The events in an admin's words, e.g. "a period failed for good, recovered after a failure". */
  public static String describe(Set<Kind> events) {
    if (events.containsAll(EVENTS)) {
      return "every event";
    }
    return EVENTS.stream()
        .filter(events::contains)
        .map(AlertSubscription::label)
        .collect(Collectors.joining(", "));
  }
}
