package com.warehouseexport.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInLimitsTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  /** 5 per account and address, 30 per address, slowed from the 5th account-wide failure. */
  private final SignInLimits limits =
      new SignInLimits(
          5, 30, 5, Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofMinutes(5), 1000);

  @Test
  void guessesFromManyAddressesNeverRefuseTheOwnerAtAnotherAddress() {
    for (int a = 5; a <= 9; a++) {
      for (int i = 0; i < 5; i++) {
        limits.failed("admin", "127.0.0." + a, T0.plusSeconds(i));
      }
      // each guessing address is refused for this account ...
      assertTrue(limits.retryAfter("admin", "127.0.0." + a, T0.plusSeconds(10)).isPresent());
    }
    // ... but the owner's address is not, whatever the account-wide count
    assertTrue(limits.retryAfter("admin", "127.0.0.1", T0.plusSeconds(10)).isEmpty());
    assertTrue(limits.retryAfter("Admin ", "127.0.0.1", T0.plusSeconds(10)).isEmpty());
  }

  @Test
  void thePairLimitRefusesWithRetryAfterUntilTheOldestFailureAges() {
    for (int i = 0; i < 5; i++) {
      limits.failed("alice", "10.0.0.1", T0.plusSeconds(i));
    }
    assertEquals(
        Duration.ofSeconds(290), limits.retryAfter("alice", "10.0.0.1", T0.plusSeconds(10)).get());
    assertTrue(limits.retryAfter("alice", "10.0.0.1", T0.plusSeconds(300)).isEmpty());
    // another account from the same address goes on
    assertTrue(limits.retryAfter("bob", "10.0.0.1", T0.plusSeconds(10)).isEmpty());
  }

  @Test
  void thePerAddressLimitRefusesEveryAccountAndTokensFromThatAddress() {
    for (int i = 0; i < 30; i++) {
      limits.failed("user" + i, "10.0.0.2", T0);
    }
    assertTrue(limits.retryAfter("someone-new", "10.0.0.2", T0.plusSeconds(1)).isPresent());
    assertTrue(limits.retryAfter(null, "10.0.0.2", T0.plusSeconds(1)).isPresent());
    assertTrue(limits.retryAfter("someone-new", "10.0.0.3", T0.plusSeconds(1)).isEmpty());
  }

  @Test
  void tokenFailuresCountPerAddressOnlyAndAreNotDelayed() {
    for (int i = 0; i < 29; i++) {
      assertEquals(Duration.ZERO, limits.failed(null, "10.0.0.4", T0));
    }
    assertTrue(limits.retryAfter(null, "10.0.0.4", T0).isEmpty());
    limits.failed(null, "10.0.0.4", T0);
    assertTrue(limits.retryAfter(null, "10.0.0.4", T0).isPresent());
  }

  @Test
  void theAccountWideCountOnlySlowsFailedAnswersBoundedlyAndTheSameForUnknownNames() {
    Duration[] delays = new Duration[12];
    Duration[] unknown = new Duration[12];
    for (int i = 0; i < delays.length; i++) {
      delays[i] = limits.failed("admin", "192.0.2." + i, T0.plusSeconds(i));
      unknown[i] = limits.failed("no-such-user", "198.51.100." + i, T0.plusSeconds(i));
    }
    assertEquals(Duration.ZERO, delays[3]);
    assertEquals(Duration.ofMillis(250), delays[4]);
    assertEquals(Duration.ofMillis(500), delays[5]);
    assertEquals(Duration.ofSeconds(1), delays[7]);
    assertEquals(Duration.ofSeconds(1), delays[11], "bounded");
    for (int i = 0; i < delays.length; i++) {
      assertEquals(delays[i], unknown[i], "unknown names are delayed like known ones");
    }
  }
}
