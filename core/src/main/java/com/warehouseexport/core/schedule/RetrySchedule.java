package com.warehouseexport.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * When a period whose export failed is tried again: exponential backoff with jitter — the first
 * retry about {@code initial} after the failure, doubling with each failed attempt, capped at
 * {@code max} — until the period is {@code giveUpAfter} past due. After that the period is
 * <em>failed for good</em>.
 *
 * <p>The jitter is ±20 % of the delay (never above {@code max}), drawn from a seed that callers
 * derive from the period, so every node computes the same next attempt for the same failure.
 */
public final class RetrySchedule {

  /** Defaults: first retry after 1 minute, at most 1 hour apart, give up 48 hours past due. */
  public static final Duration DEFAULT_INITIAL = Duration.ofMinutes(1);

  public static final Duration DEFAULT_MAX = Duration.ofHours(1);
  public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofHours(48);

  /** The jitter: the delay is multiplied by a factor in {@code [1 - JITTER, 1 + JITTER)}. */
  public static final double JITTER = 0.2;

  /** The outcome of a decision: retry at an instant, or give up. */
  public sealed interface Decision permits RetryAt, GiveUp {}

  /** Try again at {@code at} (possibly in the past: then at the next opportunity). */
  public record RetryAt(Instant at) implements Decision {}

  /** The period is failed for good: {@code horizon} past its due time has passed. */
  public record GiveUp(Instant horizon) implements Decision {}

  private final Duration initial;
  private final Duration max;
  private final Duration giveUpAfter;

  public RetrySchedule(Duration initial, Duration max, Duration giveUpAfter) {
    this.initial = positive(initial, "initial");
    this.max = positive(max, "max");
    this.giveUpAfter = Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    if (giveUpAfter.isNegative()) {
      throw new IllegalArgumentException("giveUpAfter must not be negative: " + giveUpAfter);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "The maximum retry delay " + max + " is shorter than the first one " + initial);
    }
  }

  public Duration initial() {
    return initial;
  }

  public Duration max() {
    return max;
  }

  public Duration giveUpAfter() {
    return giveUpAfter;
  }

  /**
   * The delay before the next attempt after {@code failedAttempts} failed attempts (at least 1),
   * before jitter: {@code initial × 2^(failedAttempts − 1)}, capped at {@code max}.
   */
  public Duration baseDelay(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be at least 1: " + failedAttempts);
    }
    int doublings = Math.min(failedAttempts - 1, 40);
    Duration delay = initial;
    for (int i = 0; i < doublings && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /** The base delay with jitter drawn from {@code seed}: within ±20 %, never above {@code max}. */
  public Duration jitteredDelay(int failedAttempts, long seed) {
    Duration base = baseDelay(failedAttempts);
    double factor = 1 - JITTER + 2 * JITTER * new SplittableRandom(seed).nextDouble();
    Duration jittered = Duration.ofMillis(Math.round(base.toMillis() * factor));
    return jittered.compareTo(max) > 0 ? max : jittered;
  }

  /**
   * What a period's horizon counts from (PRODUCT.md §5): the later of its due time and the moment
   * someone last asked for it — a backfill, a settings save, a resume, a re-export — so a backfill
   * of last month's periods gets the same horizon as tonight's. {@code requestedAt} null: nobody
   * asked (the schedule claimed it).
   */
  public static Instant horizonStart(Instant dueAt, Instant requestedAt) {
    Objects.requireNonNull(dueAt, "dueAt");
    return requestedAt != null && requestedAt.isAfter(dueAt) ? requestedAt : dueAt;
  }

  /** The instant after which a period due at {@code dueAt} is no longer retried. */
  public Instant horizon(Instant dueAt) {
    return dueAt.plus(giveUpAfter);
  }

  /**
   * What to do after {@code failedAttempts} failed attempts, the last of which ended at {@code
   * lastFailureAt}, for a period due at {@code dueAt}: retry at an instant up to the horizon, or
   * give up when that instant would lie beyond it. {@code dueAt} is where the horizon counts from:
   * pass {@link #horizonStart} when someone asked for the period.
   *
   * @param seed derive it from the period and the attempt count (see {@link #seed})
   */
  public Decision next(Instant dueAt, int failedAttempts, Instant lastFailureAt, long seed) {
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(lastFailureAt, "lastFailureAt");
    Instant at = lastFailureAt.plus(jitteredDelay(failedAttempts, seed));
    Instant horizon = horizon(dueAt);
    return at.isAfter(horizon) ? new GiveUp(horizon) : new RetryAt(at);
  }

  /** A seed that is the same on every node for the same period and attempt. */
  public static long seed(long environmentId, String cadence, long periodEpochDay, int attempts) {
    long h = 1125899906842597L;
    h = 31 * h + environmentId;
    h = 31 * h + cadence.hashCode();
    h = 31 * h + periodEpochDay;
    h = 31 * h + attempts;
    return h;
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    return "RetrySchedule[initial="
        + initial
        + ", max="
        + max
        + ", giveUpAfter="
        + giveUpAfter
        + "]";
  }
}
