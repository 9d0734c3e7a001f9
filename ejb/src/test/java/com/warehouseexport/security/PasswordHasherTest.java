package com.warehouseexport.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

  private static final String STORED = PasswordHasher.hash("correct horse".toCharArray());

  @Test
  void theStoredFormIsPbkdf2WithIterationsSaltAndHash() {
    String[] parts = STORED.split("\\$");
    assertEquals(4, parts.length, STORED);
    assertEquals("pbkdf2-sha256", parts[0]);
    assertEquals(Integer.toString(PasswordHasher.ITERATIONS), parts[1]);
    assertEquals(16, Base64.getDecoder().decode(parts[2]).length, "salt bytes");
    assertEquals(32, Base64.getDecoder().decode(parts[3]).length, "hash bytes (256 bits)");
    assertFalse(STORED.contains("correct horse"));
  }

  @Test
  void theRightPasswordVerifies() {
    assertTrue(PasswordHasher.verify("correct horse".toCharArray(), STORED));
  }

  @Test
  void anyOtherPasswordDoesNot() {
    assertFalse(PasswordHasher.verify("correct hors".toCharArray(), STORED));
    assertFalse(PasswordHasher.verify("Correct horse".toCharArray(), STORED));
    assertFalse(PasswordHasher.verify("correct horse ".toCharArray(), STORED));
    assertFalse(PasswordHasher.verify(new char[0], STORED));
  }

  @Test
  void theSaltIsRandomSoEqualPasswordsHashDifferently() {
    String again = PasswordHasher.hash("correct horse".toCharArray());
    assertNotEquals(STORED, again);
    assertTrue(PasswordHasher.verify("correct horse".toCharArray(), again));
  }

  @Test
  void theIterationCountIsPartOfTheStoredHash() {
    // verification derives with the stored count: changing it breaks the match
    String[] parts = STORED.split("\\$");
    String fewer = "pbkdf2-sha256$1000$" + parts[2] + "$" + parts[3];
    assertFalse(
        PasswordHasher.verify("correct horse".toCharArray(), fewer),
        "the hash was derived with " + PasswordHasher.ITERATIONS + " iterations, not 1000");
  }

  @Test
  void unicodePasswordsWork() {
    String stored = PasswordHasher.hash("pässwörd 🔑".toCharArray());
    assertTrue(PasswordHasher.verify("pässwörd 🔑".toCharArray(), stored));
    assertFalse(PasswordHasher.verify("passwort 🔑".toCharArray(), stored));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "plain-text-password",
        "pbkdf2-sha256$210000$c2FsdA==",
        "pbkdf2-sha256$210000$c2FsdA==$aGFzaA==$extra",
        "bcrypt$210000$c2FsdA==$aGFzaA==",
        "PBKDF2-SHA256$210000$c2FsdA==$aGFzaA=="
      })
  void storedValuesOfAnotherShapeNeverVerify(String stored) {
    assertFalse(PasswordHasher.verify("anything".toCharArray(), stored));
  }

  @Test
  void theDummyHashOfUnknownUsersCostsAsMuchAsARealOne() {
    String dummy = PasswordHasher.dummy();
    assertTrue(
        dummy.startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$"),
        "same algorithm and iterations as stored passwords: " + dummy);
    assertEquals(dummy, PasswordHasher.dummy(), "computed once");
    assertFalse(PasswordHasher.verify("".toCharArray(), dummy));
  }
}
