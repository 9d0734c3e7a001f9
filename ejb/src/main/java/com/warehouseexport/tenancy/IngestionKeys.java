package com.warehouseexport.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Ingestion keys: random bearer tokens of which only a SHA-256 hash is stored. */
public final class IngestionKeys {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "wx_";

  private IngestionKeys() {}

  /** A new key: {@code wx_} followed by 32 random bytes, base64url. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The stored form of a key. */
  public static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What may be shown of a key to recognise it later: its prefix and last four characters. */
  public static String hint(String key) {
    return PREFIX + "…" + key.substring(key.length() - 4);
  }
}
