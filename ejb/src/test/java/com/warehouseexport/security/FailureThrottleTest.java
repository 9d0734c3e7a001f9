package com.warehouseexport.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureThrottleTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private final FailureThrottle throttle = new FailureThrottle(3, Duration.ofMinutes(5), 100);

  @Test
  void allowsAttemptsBelowTheLimit() {
    throttle.failed("alice", T0);
    throttle.failed("alice", T0.plusSeconds(10));
    assertTrue(throttle.retryAfter("alice", T0.plusSeconds(20)).isEmpty());
  }

  @Test
  void refusesAtTheLimitUntilTheOldestFailureLeavesTheWindow() {
    throttle.failed("alice", T0);
    throttle.failed("alice", T0.plusSeconds(10));
    throttle.failed("alice", T0.plusSeconds(20));
    assertEquals(
        Optional.of(Duration.ofSeconds(270)), throttle.retryAfter("alice", T0.plusSeconds(30)));
    assertEquals(
        Optional.of(Duration.ofSeconds(1)), throttle.retryAfter("alice", T0.plusMillis(299_500)));
    assertTrue(throttle.retryAfter("alice", T0.plusSeconds(300)).isEmpty(), "window passed");
  }

  @Test
  void keysAreIndependent() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("alice", T0);
    }
    assertTrue(throttle.retryAfter("alice", T0).isPresent());
    assertTrue(throttle.retryAfter("bob", T0).isEmpty());
  }

  @Test
  void failuresAfterTheLimitKeepTheLockGoingFromTheNewestOnes() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("alice", T0.plusSeconds(60L * i));
    }
    // newest three: +120 s, +180 s, +240 s → free again at +420 s
    assertEquals(
        Optional.of(Duration.ofSeconds(170)), throttle.retryAfter("alice", T0.plusSeconds(250)));
  }

  @Test
  void remembersAtMostMaxKeys() {
    FailureThrottle small = new FailureThrottle(1, Duration.ofMinutes(5), 2);
    small.failed("a", T0);
    small.failed("b", T0);
    small.failed("c", T0);
    assertTrue(small.retryAfter("a", T0).isEmpty(), "evicted");
    assertTrue(small.retryAfter("c", T0).isPresent());
  }

  @Test
  void rejectsNonsenseLimits() {
    assertThrows(
        IllegalArgumentException.class, () -> new FailureThrottle(0, Duration.ofMinutes(1), 1));
    assertThrows(IllegalArgumentException.class, () -> new FailureThrottle(1, Duration.ZERO, 1));
  }
}
