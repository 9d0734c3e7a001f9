package com.warehouseexport.tracking;

import com.warehouseexport.platform.ServerSettings;
import java.time.Duration;

/**
 * How long ingestion looks back (PRODUCT.md §2): a link re-attributes events and feedback that
 * arrived up to {@code LATE_LINK_WINDOW} (default P7D) before it; raw events and message ids are
 * kept {@code RAW_EVENT_RETENTION} (default P35D), never less than the late-link window (a
 * retention below it is raised to it: the events a late link moves must still be there). Both are
 * measured from the moment an item <em>arrived</em> ({@code received_at}), so a history import is
 * covered as well as live traffic. Pure arithmetic; {@link #configured} reads the server settings.
 */
public record RawDataWindows(Duration lateLinkWindow, Duration retention) {

  public static final Duration DEFAULT_LATE_LINK_WINDOW = Duration.ofDays(7);
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(35);

  public RawDataWindows {
    if (lateLinkWindow.isNegative()) {
      throw new IllegalStateException("LATE_LINK_WINDOW must not be negative: " + lateLinkWindow);
    }
    if (retention.compareTo(lateLinkWindow) < 0) {
      retention = lateLinkWindow;
    }
  }

  /** From {@code LATE_LINK_WINDOW} and {@code RAW_EVENT_RETENTION} (or their system properties). */
  public static RawDataWindows configured() {
    return new RawDataWindows(
        ServerSettings.duration(
            "LATE_LINK_WINDOW", "warehouse.tracking.late-link-window", DEFAULT_LATE_LINK_WINDOW),
        ServerSettings.duration(
            "RAW_EVENT_RETENTION", "warehouse.tracking.raw-event-retention", DEFAULT_RETENTION));
  }

  /**
   * The earliest arrival (epoch ms) of a stored event or feedback a link arriving at {@code
   * linkReceivedAt} still re-attributes.
   */
  public long lateLinkCutoff(long linkReceivedAt) {
    return minus(linkReceivedAt, lateLinkWindow);
  }

  /** Raw events and message ids that arrived before this instant (epoch ms) may be removed. */
  public long retentionCutoff(long now) {
    return minus(now, retention);
  }

  private static long minus(long at, Duration d) {
    try {
      return Math.subtractExact(at, d.toMillis());
    } catch (ArithmeticException e) { // a window longer than the epoch: everything is inside it
      return Long.MIN_VALUE;
    }
  }
}
