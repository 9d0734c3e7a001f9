package com.warehouseexport.api.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.errors.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParamsTest {

  @Test
  void booleansAreExactlyTrueOrFalseAndAbsentIsFalse() {
    assertTrue(QueryParams.bool("true", "replace"));
    assertFalse(QueryParams.bool("false", "replace"));
    assertFalse(QueryParams.bool(null, "replace"));
    assertFalse(QueryParams.bool("", "replace"));
    for (String bad : new String[] {"yes", "1", "TRUE", "on", "\u0000"}) {
      assertEquals(
          "replace",
          assertThrows(InvalidInputException.class, () -> QueryParams.bool(bad, "replace"))
              .field());
    }
  }

  @Test
  void wholeNumbersWithinBoundsOrTheDefault() {
    assertEquals(20, QueryParams.intIn(null, "size", 20, 1, 200));
    assertEquals(1, QueryParams.intIn("1", "size", 20, 1, 200));
    assertEquals(200, QueryParams.intIn("200", "size", 20, 1, 200));
    assertEquals(0, QueryParams.intIn("0", "page", 0, 0, 10_000));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2147483647", "-1", "10001", "abc", "1e3", "1.5", "99999999999999999999", " "})
  void pagesOutOfBoundsOrNotNumbersAreRejectedNamingTheParameter(String page) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> QueryParams.intIn(page, "page", 0, 0, 10_000));
    assertEquals("page", e.field());
    assertTrue(e.getMessage().contains("0 to 10000"), e.getMessage());
  }
}
