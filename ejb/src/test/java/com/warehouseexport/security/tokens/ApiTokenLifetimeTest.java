package com.warehouseexport.security.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.errors.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiTokenLifetimeTest {

  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
  private static final Duration MAX = Duration.ofDays(365);

  @Test
  void noExpiryGivenMeansTheMaximum() {
    assertEquals(NOW.plus(MAX), ApiTokenService.expiry(null, NOW, MAX));
  }

  @Test
  void anExpiryWithinTheMaximumIsKept() {
    Instant in30Days = NOW.plus(Duration.ofDays(30));
    assertEquals(in30Days, ApiTokenService.expiry(in30Days, NOW, MAX));
    assertEquals(NOW.plus(MAX), ApiTokenService.expiry(NOW.plus(MAX), NOW, MAX));
  }

  @Test
  void laterPastAndExtremeExpiriesAreRefusedNamingExpiresAt() {
    for (Instant bad :
        new Instant[] {
          NOW.plus(MAX).plusMillis(1),
          Instant.parse("+292278994-08-17T07:12:55Z"),
          Instant.MAX, // "+1000000000-12-31T23:59:59.999999999Z": was a long overflow (500)
          NOW,
          NOW.minusSeconds(1),
          Instant.MIN
        }) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class, () -> ApiTokenService.expiry(bad, NOW, MAX), "" + bad);
      assertEquals("expiresAt", e.field());
    }
  }

  @Test
  void aStoredTokenNeverOutlivesTheMaximum() {
    ApiToken legacy = new ApiToken(null, "old", "h", "wxp_abcd", NOW, null);
    assertEquals(NOW.plus(MAX), legacy.expiry(MAX));
    assertTrue(legacy.isExpired(NOW.plus(MAX), MAX));
    assertTrue(!legacy.isExpired(NOW.plus(MAX).minusMillis(1), MAX));
    ApiToken longer =
        new ApiToken(null, "long", "h", "wxp_abcd", NOW, NOW.plus(MAX.multipliedBy(2)));
    assertEquals(NOW.plus(MAX), longer.expiry(MAX), "a lower maximum applies to existing tokens");
    ApiToken shorter = new ApiToken(null, "short", "h", "wxp_abcd", NOW, NOW.plusSeconds(60));
    assertEquals(NOW.plusSeconds(60), shorter.expiry(MAX));
  }
}
