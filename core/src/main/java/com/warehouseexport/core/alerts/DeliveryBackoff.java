package com.warehouseexport.core.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a notification that could not be delivered is tried again: {@code initial} after the first
 * failed attempt, doubling, at most {@code max} apart, and not after {@code maxAttempts} attempts.
 */
public record DeliveryBackoff(Duration initial, Duration max, int maxAttempts) {

  /** Defaults: 30 s, doubling up to 30 min, 12 attempts (about 3 hours in all). */
  public static final DeliveryBackoff DEFAULT =
      new DeliveryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(30), 12);

  public DeliveryBackoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "The retry delays must be positive, the maximum at least the first: "
              + initial
              + ", "
              + max);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
  }

  /**
   * After attempt number {@code attempts} (1 = the first) failed at {@code failedAt}: when to try
   * again, or empty to give up.
   */
  public Optional<Instant> next(int attempts, Instant failedAt) {
    if (attempts >= maxAttempts) {
      return Optional.empty();
    }
    Duration delay = initial;
    for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    if (delay.compareTo(max) > 0) {
      delay = max;
    }
    return Optional.of(failedAt.plus(delay));
  }
}
