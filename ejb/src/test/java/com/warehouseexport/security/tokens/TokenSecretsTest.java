package com.warehouseexport.security.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenSecretsTest {

  @Test
  void generatedTokensHaveThePrefixAnd256RandomBits() {
    String token = TokenSecrets.generate();
    assertTrue(token.startsWith("wxp_"), token);
    assertEquals(4 + 43, token.length());
    assertTrue(TokenSecrets.looksLikeToken(token));
    assertNotEquals(token, TokenSecrets.generate());
  }

  @Test
  void ingestionKeysAndJunkAreNotTokens() {
    assertFalse(TokenSecrets.looksLikeToken(null));
    assertFalse(TokenSecrets.looksLikeToken("ik_" + "a".repeat(43)));
    assertFalse(TokenSecrets.looksLikeToken("wxp_short"));
    assertFalse(TokenSecrets.looksLikeToken("wxp_" + "a".repeat(42) + "!"));
    assertFalse(TokenSecrets.looksLikeToken("wxp_" + "a".repeat(44)));
  }

  @Test
  void theStoredFormIsTheSha256Hex() {
    // SHA-256("abc"), FIPS 180-2 test vector
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        TokenSecrets.hash("abc"));
    String token = TokenSecrets.generate();
    assertEquals(64, TokenSecrets.hash(token).length());
    assertFalse(TokenSecrets.hash(token).contains(token.substring(4, 12)));
  }

  @Test
  void theHintIsTheFirstEightCharacters() {
    assertEquals("wxp_AbCd", TokenSecrets.hint("wxp_AbCdEfGh"));
  }
}
