package com.warehouseexport.security.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The format of personal API tokens: {@code wxp_} followed by 43 base64url characters (256 random
 * bits). The prefix tells them apart from ingestion keys, which are also sent as {@code Bearer}.
 * Only the SHA-256 of a token is stored: a fast hash is right for 256-bit random secrets (nothing
 * to brute-force), so checking a token costs no password hash.
 */
public final class TokenSecrets {

  /** Every personal API token starts with this. */
  public static final String PREFIX = "wxp_";

  private static final int RANDOM_CHARS = 43; // 32 bytes, base64url without padding
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecrets() {}

  /** A new random token. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** True if {@code value} has the shape of a personal API token (not an ingestion key). */
  public static boolean looksLikeToken(String value) {
    return value != null
        && value.length() == PREFIX.length() + RANDOM_CHARS
        && value.startsWith(PREFIX)
        && value.substring(PREFIX.length()).chars().allMatch(TokenSecrets::isBase64Url);
  }

  /** The stored form: lower-case hex SHA-256 of the token's UTF-8 bytes. */
  public static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What lists show to recognize a token by: its first 8 characters, e.g. {@code wxp_AbCd}. */
  public static String hint(String token) {
    return token.substring(0, Math.min(8, token.length()));
  }

  private static boolean isBase64Url(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }
}
