package com.warehouseexport.core.input;

import java.time.Duration;
import java.time.Instant;

/**
 * The instants a client may send: tracking timestamps lie between 1970-01-01 and 24 hours after the
 * moment of ingestion (clock skew); an export's {@code asOf} lies between 2000-01-01 and now.
 * Anything else (year 0000, 9999, {@code -999999999}) would break customers' warehouses or overflow
 * epoch arithmetic.
 */
public final class TimeBounds {

  /** The earliest tracking timestamp. */
  public static final Instant EARLIEST_TIMESTAMP = Instant.EPOCH;

  /** How far after the moment of ingestion a timestamp may lie. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofHours(24);

  /** The earliest as-of instant of an export. */
  public static final Instant EARLIEST_AS_OF = Instant.parse("2000-01-01T00:00:00Z");

  private TimeBounds() {}

  /** Whether a tracking timestamp is plausible when ingested at {@code now}. */
  public static boolean isTrackingTimestamp(Instant timestamp, Instant now) {
    return !timestamp.isBefore(EARLIEST_TIMESTAMP) && !timestamp.isAfter(now.plus(MAX_CLOCK_SKEW));
  }

  /** Whether an export may be computed as of {@code asOf} at {@code now}. */
  public static boolean isAsOf(Instant asOf, Instant now) {
    return !asOf.isBefore(EARLIEST_AS_OF) && !asOf.isAfter(now);
  }

  /** The message for a tracking timestamp out of bounds. */
  public static String trackingTimestampMessage(String field) {
    return field + " must lie between 1970-01-01T00:00:00Z and 24 hours after now";
  }

  /** The message for an as-of instant out of bounds. */
  public static String asOfMessage(String field) {
    return field + " must lie between 2000-01-01T00:00:00Z and now";
  }
}
