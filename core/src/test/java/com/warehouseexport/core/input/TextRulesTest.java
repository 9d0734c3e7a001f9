package com.warehouseexport.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRulesTest {

  @Test
  void everyC0ControlCharacterIsForbiddenInIdsAndNames() {
    for (char c = 0; c < 0x20; c++) {
      assertEquals(2, TextRules.firstForbidden("ab" + c + "cd"), "U+" + (int) c);
    }
  }

  @Test
  void freeTextAllowsTabCrAndLfOnly() {
    assertEquals(-1, TextRules.firstForbidden("a\tb\r\nc", true));
    assertEquals(1, TextRules.firstForbidden("a\u0000b", true));
    assertEquals(1, TextRules.firstForbidden("a\u001bb", true));
    assertEquals(1, TextRules.firstForbidden("a\tb", false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "acme", "Ünïcødé ✓", "emoji 😀", " spaces ", "\u007f", "日本"})
  void ordinaryTextIsClean(String text) {
    assertTrue(TextRules.isClean(text, false));
    assertNull(TextRules.problem("name", text, false));
  }

  @Test
  void unpairedSurrogatesAreForbidden() {
    assertEquals(1, TextRules.firstForbidden("a\ud800b"));
    assertEquals(1, TextRules.firstForbidden("a\udc00"));
    assertEquals(0, TextRules.firstForbidden("\ud83d"));
    assertEquals(-1, TextRules.firstForbidden("\ud83d\ude00"));
  }

  @Test
  void nullIsClean() {
    assertEquals(-1, TextRules.firstForbidden(null));
  }

  @Test
  void theProblemNamesTheFieldTheCharacterAndItsPosition() {
    String message = TextRules.problem("companyId", "ac\u0000me", false);
    assertEquals("companyId contains a control character (U+0000) at position 2", message);
    String comment = TextRules.problem("comment", "x\u0007", true);
    assertTrue(comment.contains("U+0007") && comment.contains("tab, CR and LF"), comment);
    assertFalse(TextRules.problem("name", "a\ud800", false).contains("control"));
  }
}
