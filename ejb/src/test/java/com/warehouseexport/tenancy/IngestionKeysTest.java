package com.warehouseexport.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IngestionKeysTest {

  @Test
  void keysArePrefixedBase64UrlOf32RandomBytes() {
    String key = IngestionKeys.generate();
    assertTrue(key.startsWith("wx_"), key);
    String body = key.substring(3);
    assertTrue(body.matches("[A-Za-z0-9_-]{43}"), key);
    assertEquals(32, Base64.getUrlDecoder().decode(body).length);
  }

  @Test
  void keysAreUnique() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertTrue(keys.add(IngestionKeys.generate()));
    }
  }

  @Test
  void theHashIsTheHexSha256OfTheKeysUtf8Bytes() {
    // SHA-256("abc"), FIPS 180-2 test vector
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        IngestionKeys.hash("abc"));
    // SHA-256 of the UTF-8 bytes c3 a9 ("é"), not of a platform encoding
    assertEquals(
        "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c",
        IngestionKeys.hash("é"));
    assertNotEquals(IngestionKeys.hash("é"), IngestionKeys.hash("e"));
  }

  @Test
  void theHashIsStableAndDoesNotContainTheKey() {
    String key = IngestionKeys.generate();
    String hash = IngestionKeys.hash(key);
    assertEquals(hash, IngestionKeys.hash(key));
    assertTrue(hash.matches("[0-9a-f]{64}"), hash);
    assertFalse(hash.contains(key.substring(3)));
    assertNotEquals(hash, IngestionKeys.hash(IngestionKeys.generate()));
  }

  @Test
  void theHintShowsOnlyThePrefixAndTheLastFourCharacters() {
    String key = "wx_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    assertEquals("wx_…DEFG", IngestionKeys.hint(key));
    String generated = IngestionKeys.generate();
    String hint = IngestionKeys.hint(generated);
    assertTrue(hint.length() <= 16, "fits the ingestion_key_hint column: " + hint);
    assertTrue(generated.endsWith(hint.substring(hint.length() - 4)));
  }
}
