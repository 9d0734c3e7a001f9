package com.warehouseexport.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short-lived memory of username/password pairs that were verified recently, so that a script
 * polling with HTTP Basic does not cost a PBKDF2 hash on every request. Entries are keyed by
 * HMAC-SHA256 of username and password under a random key that lives only in this process; the
 * password itself is never kept. Entries expire after {@code ttl}; at most {@code maxEntries} are
 * kept (least recently used go first). Thread-safe; pure (the caller passes the time).
 *
 * @param <V> what a verified pair stands for (the caller)
 */
public final class VerifiedCredentials<V> {

  private record Entry<V>(V value, Instant expiresAt) {}

  private final SecretKeySpec key;
  private final Duration ttl;
  private final Map<String, Entry<V>> entries;

  public VerifiedCredentials(byte[] key, Duration ttl, int maxEntries) {
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.ttl = ttl;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** A cache with a fresh random 256-bit key. */
  public static <V> VerifiedCredentials<V> withRandomKey(Duration ttl, int maxEntries) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new VerifiedCredentials<>(key, ttl, maxEntries);
  }

  /** The keyed hash standing for this pair (base64url); the only form in which it is kept. */
  public String key(String username, char[] password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] user = username.getBytes(StandardCharsets.UTF_8);
      mac.update(ByteBuffer.allocate(4).putInt(user.length).array()); // unambiguous split
      mac.update(user);
      ByteBuffer secret = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
      byte[] bytes = new byte[secret.remaining()];
      secret.get(bytes);
      mac.update(bytes);
      Arrays.fill(bytes, (byte) 0);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What this pair stood for, if it was verified less than {@code ttl} ago. */
  public Optional<V> get(String username, char[] password, Instant now) {
    String k = key(username, password);
    synchronized (entries) {
      Entry<V> entry = entries.get(k);
      if (entry == null) {
        return Optional.empty();
      }
      if (!now.isBefore(entry.expiresAt())) {
        entries.remove(k);
        return Optional.empty();
      }
      return Optional.of(entry.value());
    }
  }

  /** Remembers that this pair was verified now. */
  public void put(String username, char[] password, V value, Instant now) {
    String k = key(username, password);
    synchronized (entries) {
      entries.put(k, new Entry<>(value, now.plus(ttl)));
    }
  }

  /** Forgets everything (e.g. after a password change). */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
