package com.warehouseexport.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed sign-ins per key (an account name or a client address) in a sliding window: once
 * {@code maxFailures} failures lie within the window, further attempts are refused until the oldest
 * of them leaves the window. Refused attempts are not counted (they were never checked). Failures
 * only age out: a success does not clear them. At most {@code maxKeys} keys are remembered (least
 * recently used go first), so memory stays bounded whatever a client sends. Thread-safe; pure (the
 * caller passes the time).
 */
public final class FailureThrottle {

  private final int maxFailures;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures;

  public FailureThrottle(int maxFailures, Duration window, int maxKeys) {
    if (maxFailures < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
      throw new IllegalArgumentException("maxFailures, window and maxKeys must be positive");
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.failures =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > maxKeys;
          }
        };
  }

  public int maxFailures() {
    return maxFailures;
  }

  public Duration window() {
    return window;
  }

  /**
   * Empty if an attempt for {@code key} may be checked now; otherwise how long until it may (at
   * least one second, whole seconds, as {@code Retry-After} wants it).
   */
  public synchronized Optional<Duration> retryAfter(String key, Instant now) {
    Deque<Instant> recent = prune(key, now);
    if (recent == null || recent.size() < maxFailures) {
      return Optional.empty();
    }
    // the (size - max + 1)th oldest failure must leave the window before the next attempt
    Instant[] times = recent.toArray(Instant[]::new);
    Instant freedAt = times[recent.size() - maxFailures].plus(window);
    long millis = Duration.between(now, freedAt).toMillis();
    return Optional.of(Duration.ofSeconds(Math.max(1, (millis + 999) / 1000)));
  }

  /** How many failures of {@code key} lie within the window (at most {@code maxFailures}). */
  public synchronized int count(String key, Instant now) {
    Deque<Instant> recent = prune(key, now);
    return recent == null ? 0 : recent.size();
  }

  /** Records a failed attempt for {@code key}. */
  public synchronized void failed(String key, Instant now) {
    Deque<Instant> recent = prune(key, now);
    if (recent == null) {
      recent = new ArrayDeque<>();
      failures.put(key, recent);
    }
    recent.addLast(now);
    while (recent.size() > maxFailures) {
      recent.removeFirst(); // only the newest maxFailures matter
    }
  }

  private Deque<Instant> prune(String key, Instant now) {
    Deque<Instant> recent = failures.get(key);
    if (recent == null) {
      return null;
    }
    Instant horizon = now.minus(window);
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
      recent.removeFirst();
    }
    if (recent.isEmpty()) {
      failures.remove(key);
      return null;
    }
    return recent;
  }
}
