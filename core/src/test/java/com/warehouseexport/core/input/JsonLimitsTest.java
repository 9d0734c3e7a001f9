package com.warehouseexport.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonLimitsTest {

  private final JsonLimits limits = new JsonLimits(3, 10);

  @Test
  void nestingUpToTheLimitPasses() {
    assertNull(limits.check("{\"a\":[{\"b\":1}]}"));
    assertNull(limits.check("[[[]]]"));
    assertNull(limits.check("[[]] [[]] [[]]"));
  }

  @Test
  void deeperNestingIsRefusedNamingTheEnclosingKey() {
    JsonLimits.Violation v = limits.check("{\"a\":{\"b\":{\"c\":{}}}}");
    assertNotNull(v);
    assertTrue(v.message().contains("3 levels"), v.message());
    assertEquals("c", v.field());
    assertNotNull(limits.check("[[[[]]]]"));
  }

  @Test
  void fiveThousandLevelsAreRefusedWithoutRecursion() {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    assertNotNull(JsonLimits.API.check(deep));
    String deepObjects = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
    assertNotNull(JsonLimits.API.check(deepObjects));
  }

  @Test
  void bracketsAndQuotesInsideStringsDoNotCount() {
    assertNull(limits.check("{\"a\":\"[[[[[{{{{\\\"]]]]\"}"));
    assertNull(limits.check("[\"12345678901234567890\"]"));
  }

  @Test
  void longNumbersAreRefusedNamingTheirKey() {
    assertNull(limits.check("{\"n\":-1.234e+10}"));
    JsonLimits.Violation v = limits.check("{\"seats\":12345678901}");
    assertNotNull(v);
    assertEquals("seats", v.field());
    assertTrue(v.message().contains("10 characters"), v.message());
    assertNotNull(JsonLimits.API.check("{\"n\":" + "9".repeat(60_000) + "}"));
  }

  @Test
  void theKeyIsTheLastStringBeforeAColonAbbreviatedAfter100Characters() {
    assertNull(limits.check("[12345678901]").field(), "no key yet");
    assertEquals(
        "b", limits.check("{\"a\":\"value\",\"b\":[\"x\",12345678901]}").field(), "not a value");
    String longKey = "k".repeat(150);
    assertEquals("k".repeat(100) + "…", limits.check("{\"" + longKey + "\":12345678901}").field());
    assertEquals(
        "k".repeat(100), limits.check("{\"" + "k".repeat(100) + "\":12345678901}").field());
  }

  @Test
  void limitsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new JsonLimits(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new JsonLimits(1, 0));
  }
}
