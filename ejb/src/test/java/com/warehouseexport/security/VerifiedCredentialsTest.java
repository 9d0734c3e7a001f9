package com.warehouseexport.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private final VerifiedCredentials<String> cache =
      VerifiedCredentials.withRandomKey(Duration.ofSeconds(60), 3);

  @Test
  void remembersAVerifiedPairForItsLifetime() {
    cache.put("alice", "secret-1".toCharArray(), "alice", T0);
    assertEquals(
        Optional.of("alice"), cache.get("alice", "secret-1".toCharArray(), T0.plusSeconds(59)));
    assertTrue(cache.get("alice", "secret-1".toCharArray(), T0.plusSeconds(60)).isEmpty());
  }

  @Test
  void anotherPasswordOrUserIsNotAHit() {
    cache.put("alice", "secret-1".toCharArray(), "alice", T0);
    assertTrue(cache.get("alice", "secret-2".toCharArray(), T0).isEmpty());
    assertTrue(cache.get("bob", "secret-1".toCharArray(), T0).isEmpty());
  }

  @Test
  void theKeyIsAKeyedHashNotThePassword() {
    String key = cache.key("alice", "secret-1".toCharArray());
    assertFalse(key.contains("secret"));
    assertEquals(43, key.length(), "256-bit HMAC, base64url");
    assertEquals(key, cache.key("alice", "secret-1".toCharArray()));
    // the username/password split is unambiguous
    assertNotEquals(cache.key("ab", "c".toCharArray()), cache.key("a", "bc".toCharArray()));
    // another process (another random key) derives other keys
    VerifiedCredentials<String> other =
        VerifiedCredentials.withRandomKey(Duration.ofSeconds(60), 3);
    assertNotEquals(key, other.key("alice", "secret-1".toCharArray()));
  }

  @Test
  void sameKeyMaterialGivesTheSameKeys() {
    byte[] material = new byte[32];
    assertEquals(
        new VerifiedCredentials<>(material, Duration.ofSeconds(1), 1).key("a", "b".toCharArray()),
        new VerifiedCredentials<>(material, Duration.ofSeconds(1), 1).key("a", "b".toCharArray()));
  }

  @Test
  void isBounded() {
    for (int i = 0; i < 10; i++) {
      cache.put("user" + i, "pw".toCharArray(), "user" + i, T0);
    }
    assertEquals(3, cache.size());
    assertTrue(cache.get("user9", "pw".toCharArray(), T0).isPresent());
    assertTrue(cache.get("user0", "pw".toCharArray(), T0).isEmpty());
  }
}
