package com.warehouseexport.core.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodePointOrderTest {

  @Test
  void ordersBySupplementaryCodePointsNotUtf16Units() {
    String emoji = "\uD83D\uDE00"; // U+1F600
    String ligature = "\uFB01"; // U+FB01
    assertTrue(emoji.compareTo(ligature) < 0, "String.compareTo puts the emoji first");
    assertTrue(CodePointOrder.COMPARATOR.compare(emoji, ligature) > 0);
    assertTrue(CodePointOrder.COMPARATOR.compare(ligature, emoji) < 0);
  }

  @Test
  void sortsLikeCollateC() {
    List<String> ids =
        new ArrayList<>(List.of("c-01", "a,comma id", "C-15", "\uD83D\uDE00", "\uFB01", "C-1", ""));
    ids.sort(CodePointOrder.COMPARATOR);
    assertEquals(List.of("", "C-1", "C-15", "a,comma id", "c-01", "\uFB01", "\uD83D\uDE00"), ids);
  }

  @Test
  void equalStringsAndPrefixes() {
    assertEquals(0, CodePointOrder.COMPARATOR.compare("abc", "abc"));
    assertTrue(CodePointOrder.COMPARATOR.compare("ab", "abc") < 0);
    assertTrue(CodePointOrder.COMPARATOR.compare("a\uD83D\uDE00", "a\uD83D\uDE01") < 0);
  }
}
