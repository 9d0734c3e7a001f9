package com.warehouseexport.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretCipherTest {

  private static final String AAD = "environment:42:secretAccessKey";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  // fixed keys, so the tests can check that key material never leaks into messages
  private static final String K1 = b64(1);
  private static final String K2 = b64(2);

  private final SecretCipher k1 = SecretCipher.fromKeyRing("k1:" + K1);

  private static String b64(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * 31 + i * 7);
    }
    return Base64.getEncoder().encodeToString(key);
  }

  private static byte[] body(String token) {
    return Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf(':') + 1));
  }

  private static String withBody(String token, byte[] body) {
    return token.substring(0, token.lastIndexOf(':') + 1)
        + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
  }

  private static String flip(String token, int index) {
    byte[] b = body(token);
    int i = index < 0 ? b.length + index : index;
    b[i] ^= 0x01;
    return withBody(token, b);
  }

  // ---- round trip and format

  @ParameterizedTest
  @ValueSource(
      strings = {
        SECRET,
        "",
        "a",
        "pässwörd ✓ 秘密 🔑",
        "line1\nline2\u0000end",
        "v1:k1:looks-like-a-token"
      })
  void roundTrip(String plaintext) {
    String token = k1.encrypt(plaintext, AAD);
    assertEquals(plaintext, k1.decrypt(token, AAD));
  }

  @Test
  void roundTripOfALongSecret() {
    String big = "x".repeat(100_000);
    assertEquals(big, k1.decrypt(k1.encrypt(big, AAD), AAD));
  }

  @Test
  void tokenFormat() {
    String token = k1.encrypt(SECRET, AAD);
    assertTrue(Pattern.matches("v1:k1:[A-Za-z0-9_-]+", token), token);
    // iv 12 + ciphertext (same length as UTF-8 plaintext) + tag 16
    assertEquals(12 + SECRET.length() + 16, body(token).length);
    assertFalse(token.contains(SECRET));
  }

  @Test
  void twoEncryptionsOfTheSamePlaintextDiffer() {
    String a = k1.encrypt(SECRET, AAD);
    String b = k1.encrypt(SECRET, AAD);
    assertNotEquals(a, b);
    byte[] ivA = java.util.Arrays.copyOf(body(a), 12);
    byte[] ivB = java.util.Arrays.copyOf(body(b), 12);
    assertFalse(java.util.Arrays.equals(ivA, ivB));
    assertEquals(SECRET, k1.decrypt(a, AAD));
    assertEquals(SECRET, k1.decrypt(b, AAD));
  }

  // ---- tamper and misuse

  @ParameterizedTest(name = "flip byte {0}")
  @ValueSource(ints = {0, 11, 12, 20, -17, -16, -1})
  void tamperingWithIvBodyOrTagIsDetected(int index) {
    String token = k1.encrypt(SECRET, AAD);
    SecretDecryptionException e =
        assertThrows(SecretDecryptionException.class, () -> k1.decrypt(flip(token, index), AAD));
    assertFalse(e.getMessage().contains(SECRET));
  }

  @Test
  void truncatedOrExtendedBodyIsDetected() {
    String token = k1.encrypt(SECRET, AAD);
    byte[] b = body(token);
    assertThrows(
        SecretDecryptionException.class,
        () -> k1.decrypt(withBody(token, java.util.Arrays.copyOf(b, b.length - 1)), AAD));
    assertThrows(
        SecretDecryptionException.class,
        () -> k1.decrypt(withBody(token, java.util.Arrays.copyOf(b, b.length + 1)), AAD));
  }

  @Test
  void wrongAssociatedDataIsDetected() {
    String token = k1.encrypt(SECRET, AAD);
    SecretDecryptionException e =
        assertThrows(
            SecretDecryptionException.class,
            () -> k1.decrypt(token, "environment:43:secretAccessKey"));
    assertEquals(
        "The secret could not be decrypted: it was altered, or it belongs to another record or"
            + " field (associated data mismatch)",
        e.getMessage());
    assertThrows(SecretDecryptionException.class, () -> k1.decrypt(token, ""));
  }

  @Test
  void swappingTheKeyIdToAnotherKnownKeyIsDetected() {
    SecretCipher ring = SecretCipher.fromKeyRing("k1:" + K1 + ",k2:" + K2);
    String token = ring.encrypt(SECRET, AAD);
    String swapped = token.replaceFirst("^v1:k1:", "v1:k2:");
    assertThrows(SecretDecryptionException.class, () -> ring.decrypt(swapped, AAD));
  }

  @Test
  void keyIdIsAuthenticatedEvenWithTheSameKeyMaterial() {
    // the same key under two ids: a renamed key id must still fail (the id is in the AAD)
    SecretCipher ring = SecretCipher.fromKeyRing("a:" + K1 + ",b:" + K1);
    String token = ring.encrypt(SECRET, AAD);
    assertEquals(SECRET, ring.decrypt(token, AAD));
    String renamed = token.replaceFirst("^v1:a:", "v1:b:");
    assertThrows(SecretDecryptionException.class, () -> ring.decrypt(renamed, AAD));
  }

  @Test
  void unknownKeyId() {
    String token = SecretCipher.fromKeyRing("old:" + K2).encrypt(SECRET, AAD);
    SecretDecryptionException e =
        assertThrows(SecretDecryptionException.class, () -> k1.decrypt(token, AAD));
    assertEquals(
        "The secret was encrypted with key id 'old', which is not in the configured key ring",
        e.getMessage());
  }

  @Test
  void sameKeyIdWithDifferentKeyFails() {
    String token = SecretCipher.fromKeyRing("k1:" + K2).encrypt(SECRET, AAD);
    assertThrows(SecretDecryptionException.class, () -> k1.decrypt(token, AAD));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "garbage",
        "v1:k1",
        "v1:k1:abc:def",
        "v2:k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1::AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1:k 1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1:k1:not+base64url/",
        "v1:k1:AAAA",
        "v1:k1:",
        SECRET
      })
  void malformedTokens(String token) {
    SecretDecryptionException e =
        assertThrows(SecretDecryptionException.class, () -> k1.decrypt(token, AAD));
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    assertThrows(SecretDecryptionException.class, () -> k1.needsReEncryption(token));
  }

  @Test
  void messagesNeverContainPlaintextOrKeyMaterial() {
    String token = k1.encrypt(SECRET, AAD);
    List<Runnable> failures =
        List.of(
            () -> k1.decrypt(flip(token, 5), AAD),
            () -> k1.decrypt(token, "other"),
            () -> SecretCipher.fromKeyRing("k2:" + K2).decrypt(token, AAD));
    for (Runnable failure : failures) {
      SecretDecryptionException e = assertThrows(SecretDecryptionException.class, failure::run);
      String text = e.toString() + (e.getCause() == null ? "" : e.getCause().toString());
      assertFalse(text.contains(SECRET), text);
      assertFalse(text.contains(K1) || text.contains(K2), text);
    }
  }

  // ---- rotation

  @Test
  void rotation() {
    String oldToken = k1.encrypt(SECRET, AAD);
    SecretCipher rotated = SecretCipher.fromKeyRing("k2:" + K2 + ", k1:" + K1);
    assertEquals("k2", rotated.activeKeyId());
    assertEquals(List.of("k2", "k1"), rotated.keyIds());

    assertEquals(SECRET, rotated.decrypt(oldToken, AAD));
    assertTrue(rotated.needsReEncryption(oldToken));
    assertFalse(k1.needsReEncryption(oldToken));

    String newToken = rotated.reEncrypt(oldToken, AAD);
    assertTrue(newToken.startsWith("v1:k2:"), newToken);
    assertFalse(rotated.needsReEncryption(newToken));
    assertEquals(SECRET, rotated.decrypt(newToken, AAD));
    // after dropping k1 the re-encrypted token still works
    assertEquals(SECRET, SecretCipher.fromKeyRing("k2:" + K2).decrypt(newToken, AAD));
    // re-encryption keeps the associated data binding
    assertThrows(SecretDecryptionException.class, () -> rotated.decrypt(newToken, "x"));
  }

  @Test
  void reEncryptKeepsCurrentTokensButStillAuthenticatesThem() {
    String token = k1.encrypt(SECRET, AAD);
    assertSame(token, k1.reEncrypt(token, AAD));
    assertThrows(SecretDecryptionException.class, () -> k1.reEncrypt(token, "other"));
  }

  @Test
  void reEncryptOfUnknownKeyFails() {
    String token = SecretCipher.fromKeyRing("gone:" + K2).encrypt(SECRET, AAD);
    assertTrue(k1.needsReEncryption(token));
    assertThrows(SecretDecryptionException.class, () -> k1.reEncrypt(token, AAD));
  }

  // ---- key ring spec

  @Test
  void keysMayBeUrlSafeAndUnpadded() {
    byte[] raw = Base64.getDecoder().decode(K1);
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    SecretCipher same = SecretCipher.fromKeyRing(" k1 : " + urlSafe + " ");
    assertEquals(SECRET, same.decrypt(k1.encrypt(SECRET, AAD), AAD));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void emptySpec(String spec) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SecretCipher.fromKeyRing(spec));
    assertEquals(
        "The secret key ring is empty: expected keyId:base64Key[,keyId:base64Key...]",
        e.getMessage());
  }

  @Test
  void malformedSpecsGiveClearMessagesWithoutKeyMaterial() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    String[][] cases = {
      {K1, "Secret key ring entry 1 of 1 has no ':' between key id and key"},
      {"k1:" + K1 + ",", "Secret key ring entry 2 of 2 is empty"},
      {"k1:" + K1 + ",,k2:" + K2, "Secret key ring entry 2 of 3 is empty"},
      {":" + K1, "Secret key ring entry 1 of 1: the key id must be 1-32 characters"},
      {"k 1:" + K1, "Secret key ring entry 1 of 1: the key id must be 1-32 characters"},
      {"k1:", "Secret key ring entry 1 of 1: the key is not valid Base64"},
      {"k1:" + K1 + "!", "Secret key ring entry 1 of 1: the key is not valid Base64"},
      {"k1:" + K1 + ":x", "Secret key ring entry 1 of 1: the key is not valid Base64"},
      {
        "k1:" + shortKey,
        "Secret key ring entry 1 of 1: the key must be 32 bytes (AES-256), but it is 16 bytes"
      },
      {"k1:" + K1 + ",k1:" + K2, "Secret key ring entry 2 of 2 repeats the key id"},
      // key and id swapped by mistake: the key must not be echoed as a "key id"
      {K1 + ":k1", "Secret key ring entry 1 of 1: the key id must be 1-32 characters"},
    };
    for (String[] c : cases) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SecretCipher.fromKeyRing(c[0]));
      assertTrue(e.getMessage().startsWith(c[1]), c[1] + " <> " + e.getMessage());
      assertFalse(e.getMessage().contains(K1), e.getMessage());
      assertFalse(e.getMessage().contains(K2), e.getMessage());
      assertFalse(e.getMessage().contains(shortKey), e.getMessage());
      assertEquals(null, e.getCause());
    }
  }

  @Test
  void toStringShowsIdsOnly() {
    SecretCipher ring = SecretCipher.fromKeyRing("k2:" + K2 + ",k1:" + K1);
    assertEquals("SecretCipher[active=k2, keyIds=[k2, k1]]", ring.toString());
  }

  // ---- key generation

  @Test
  void generatedSpecIsUsableAndRandom() {
    String spec = SecretCipher.generateKeySpec("2026-11");
    assertTrue(spec.startsWith("2026-11:"), spec);
    assertEquals(32, Base64.getDecoder().decode(spec.substring(8)).length);
    SecretCipher c = SecretCipher.fromKeyRing(spec);
    assertEquals("2026-11", c.activeKeyId());
    assertEquals(SECRET, c.decrypt(c.encrypt(SECRET, AAD), AAD));
    assertNotEquals(spec, SecretCipher.generateKeySpec("2026-11"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"a:b", "with space", "x,y", "012345678901234567890123456789012"})
  void generateRejectsBadKeyIds(String keyId) {
    assertThrows(IllegalArgumentException.class, () -> SecretCipher.generateKeySpec(keyId));
  }
}
