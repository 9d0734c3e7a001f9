package com.warehouseexport.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption of secrets at rest (AES-256-GCM) with a key ring for rotation.
 *
 * <h2>Key ring</h2>
 *
 * {@code keyId:base64Key[,keyId:base64Key...]}; the first entry is the <em>active</em> key that
 * encrypts, all entries decrypt. Key ids are 1–32 characters of {@code [A-Za-z0-9_.-]}; keys are 32
 * random bytes in standard or URL-safe Base64 (padding optional). Blanks around entries are
 * ignored. Errors never quote the spec, only entry numbers. To rotate: prepend a new key ({@link
 * #generateKeySpec}), restart, re-encrypt stored tokens where {@link #needsReEncryption} is true
 * ({@link #reEncrypt}), then drop the old key.
 *
 * <h2>Token</h2>
 *
 * {@code v1:<keyId>:<base64url without padding of (iv || ciphertext || tag)>}, with a fresh random
 * 12-byte IV per encryption and a 128-bit tag. The GCM associated data is the UTF-8 bytes of {@code
 * "v1:" + keyId + ":" + associatedData}, so the version and key id are authenticated too. The
 * caller's associated data binds a token to its place, e.g. {@code
 * "environment:42:secretAccessKey"}: a token copied to another row or field fails to decrypt.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SecretCipher {

  private static final String VERSION = "v1";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int TAG_BYTES = TAG_BITS / 8;
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
  private static final String SPEC_FORMAT = "expected keyId:base64Key[,keyId:base64Key...]";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String activeKeyId;
  private final Map<String, SecretKey> keys;

  private SecretCipher(String activeKeyId, Map<String, SecretKey> keys) {
    this.activeKeyId = activeKeyId;
    this.keys = keys;
  }

  /**
   * Builds a cipher from a key ring spec (see the class documentation).
   *
   * @throws IllegalArgumentException for a malformed spec; the message never contains key material
   */
  public static SecretCipher fromKeyRing(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("The secret key ring is empty: " + SPEC_FORMAT);
    }
    String[] entries = spec.split(",", -1);
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    for (int i = 0; i < entries.length; i++) {
      String where = "Secret key ring entry " + (i + 1) + " of " + entries.length;
      String entry = entries[i].strip();
      if (entry.isEmpty()) {
        throw new IllegalArgumentException(where + " is empty: " + SPEC_FORMAT);
      }
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            where + " has no ':' between key id and key: " + SPEC_FORMAT);
      }
      String keyId = entry.substring(0, colon).strip();
      String encoded = entry.substring(colon + 1).strip();
      if (!KEY_ID.matcher(keyId).matches()) {
        throw new IllegalArgumentException(
            where + ": the key id must be 1-32 characters of letters, digits, '_', '.' or '-'");
      }
      byte[] key = decodeKey(encoded);
      if (key == null) {
        throw new IllegalArgumentException(where + ": the key is not valid Base64");
      }
      if (key.length != KEY_BYTES) {
        int length = key.length;
        java.util.Arrays.fill(key, (byte) 0);
        throw new IllegalArgumentException(
            where + ": the key must be 32 bytes (AES-256), but it is " + length + " bytes");
      }
      if (keys.containsKey(keyId)) {
        throw new IllegalArgumentException(where + " repeats the key id of an earlier entry");
      }
      keys.put(keyId, new SecretKeySpec(key, "AES"));
      java.util.Arrays.fill(key, (byte) 0);
    }
    String active = keys.keySet().iterator().next();
    return new SecretCipher(active, Collections.unmodifiableMap(keys));
  }

  /**
   * A new key ring entry {@code keyId:<32 random bytes, Base64>} for operators.
   *
   * @throws IllegalArgumentException for an invalid key id
   */
  public static String generateKeySpec(String keyId) {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException(
          "The key id must be 1-32 characters of letters, digits, '_', '.' or '-'");
    }
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    String spec = keyId + ":" + Base64.getEncoder().encodeToString(key);
    java.util.Arrays.fill(key, (byte) 0);
    return spec;
  }

  /** The id of the key that encrypts. */
  public String activeKeyId() {
    return activeKeyId;
  }

  /** All key ids, the active one first. */
  public List<String> keyIds() {
    return List.copyOf(new ArrayList<>(keys.keySet()));
  }

  /**
   * Encrypts with the active key.
   *
   * @param associatedData binds the token to its place, e.g. {@code
   *     "environment:42:secretAccessKey"}; must be given again to decrypt
   * @return {@code v1:<keyId>:<base64url(iv || ciphertext || tag)>}
   */
  public String encrypt(String plaintext, String associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(associatedData, "associatedData");
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad(activeKeyId, associatedData));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] body = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
      return VERSION
          + ":"
          + activeKeyId
          + ":"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption is not available", e);
    }
  }

  /**
   * Decrypts a token made by {@link #encrypt} with any key of the ring.
   *
   * @throws SecretDecryptionException when the token is malformed, its key id is unknown, it was
   *     altered, or the associated data differs
   */
  public String decrypt(String token, String associatedData) {
    Objects.requireNonNull(associatedData, "associatedData");
    Token t = parse(token);
    SecretKey key = keys.get(t.keyId);
    if (key == null) {
      throw new SecretDecryptionException(
          "The secret was encrypted with key id '"
              + t.keyId
              + "', which is not in the configured key ring");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, t.body, 0, IV_BYTES));
      cipher.updateAAD(aad(t.keyId, associatedData));
      byte[] plain = cipher.doFinal(t.body, IV_BYTES, t.body.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SecretDecryptionException(
          "The secret could not be decrypted: it was altered, or it belongs to another record or"
              + " field (associated data mismatch)",
          e);
    } catch (GeneralSecurityException e) {
      throw new SecretDecryptionException("The secret could not be decrypted", e);
    }
  }

  /**
   * Whether the token was not encrypted with the active key (also true for a key id missing from
   * the ring, which {@link #reEncrypt} then cannot handle).
   *
   * @throws SecretDecryptionException when the token is malformed
   */
  public boolean needsReEncryption(String token) {
    return !parse(token).keyId.equals(activeKeyId);
  }

  /**
   * Returns the token unchanged when it uses the active key, else decrypts it and encrypts the
   * plaintext again with the active key (and the same associated data).
   *
   * @throws SecretDecryptionException as {@link #decrypt}
   */
  public String reEncrypt(String token, String associatedData) {
    if (!needsReEncryption(token)) {
      // still authenticate, so a rotation pass also detects damaged or misplaced tokens
      decrypt(token, associatedData);
      return token;
    }
    return encrypt(decrypt(token, associatedData), associatedData);
  }

  @Override
  public String toString() {
    return "SecretCipher[active=" + activeKeyId + ", keyIds=" + keys.keySet() + "]";
  }

  // ---------------------------------------------------------------- internals

  private record Token(String keyId, byte[] body) {}

  private static Token parse(String token) {
    if (token == null || token.isEmpty()) {
      throw new SecretDecryptionException("The encrypted secret is missing");
    }
    String[] parts = token.split(":", -1);
    if (parts.length != 3) {
      throw new SecretDecryptionException(
          "The encrypted secret is malformed: expected v1:<keyId>:<data>");
    }
    if (!VERSION.equals(parts[0])) {
      throw new SecretDecryptionException(
          "The encrypted secret has an unsupported format version (expected v1)");
    }
    if (!KEY_ID.matcher(parts[1]).matches()) {
      throw new SecretDecryptionException("The encrypted secret is malformed: invalid key id");
    }
    byte[] body;
    try {
      body = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new SecretDecryptionException(
          "The encrypted secret is malformed: the data is not valid Base64url");
    }
    if (body.length < IV_BYTES + TAG_BYTES) {
      throw new SecretDecryptionException(
          "The encrypted secret is malformed: the data is too short");
    }
    return new Token(parts[1], body);
  }

  private static byte[] aad(String keyId, String associatedData) {
    return (VERSION + ":" + keyId + ":" + associatedData).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] decodeKey(String encoded) {
    if (encoded.isEmpty()) {
      return null;
    }
    Base64.Decoder decoder =
        encoded.indexOf('-') >= 0 || encoded.indexOf('_') >= 0
            ? Base64.getUrlDecoder()
            : Base64.getDecoder();
    try {
      return decoder.decode(encoded);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
