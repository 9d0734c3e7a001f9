package com.warehouseexport.core.segment;

import static com.warehouseexport.core.segment.SegmentOperator.ANY_OF;
import static com.warehouseexport.core.segment.SegmentOperator.CONTAINS;
import static com.warehouseexport.core.segment.SegmentOperator.GREATER_THAN;
import static com.warehouseexport.core.segment.SegmentOperator.HAS_ANY_VALUE;
import static com.warehouseexport.core.segment.SegmentOperator.HAS_NO_VALUE;
import static com.warehouseexport.core.segment.SegmentOperator.IS;
import static com.warehouseexport.core.segment.SegmentOperator.IS_FALSE;
import static com.warehouseexport.core.segment.SegmentOperator.IS_NOT;
import static com.warehouseexport.core.segment.SegmentOperator.IS_TRUE;
import static com.warehouseexport.core.segment.SegmentOperator.LESS_THAN;
import static com.warehouseexport.core.segment.SegmentOperator.NONE_OF;
import static com.warehouseexport.core.segment.SegmentOperator.NOT_CONTAINS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SegmentDefinitionTest {

  private static boolean test(SegmentOperator op, Object value, Object attribute) {
    return SegmentCondition.of("a", op, value).test(attribute);
  }

  private static boolean testValues(SegmentOperator op, List<?> values, Object attribute) {
    return SegmentCondition.ofValues("a", op, values).test(attribute);
  }

  @Test
  void labelsAreExact() {
    assertEquals(
        List.of(
            "is",
            "is not",
            "contains",
            "not contains",
            "any of",
            "none of",
            "has any value",
            "has no value",
            "greater than",
            "less than",
            "is true",
            "is false"),
        Arrays.stream(SegmentOperator.values()).map(SegmentOperator::label).toList());
  }

  @ParameterizedTest
  @EnumSource(SegmentOperator.class)
  void fromLabelRoundTrips(SegmentOperator operator) {
    assertEquals(operator, SegmentOperator.fromLabel(operator.label()));
  }

  @Test
  void fromLabelRejectsUnknownListingValidLabels() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SegmentOperator.fromLabel("IS"));
    assertTrue(e.getMessage().contains("is, is not, contains"));
  }

  @Test
  void operandValidation() {
    assertThrows(IllegalArgumentException.class, () -> SegmentCondition.of("a", IS, null));
    assertThrows(IllegalArgumentException.class, () -> SegmentCondition.of("a", CONTAINS, null));
    assertThrows(IllegalArgumentException.class, () -> SegmentCondition.of("a", ANY_OF, "x"));
    assertThrows(
        IllegalArgumentException.class, () -> SegmentCondition.ofValues("a", NONE_OF, List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> SegmentCondition.of("a", HAS_ANY_VALUE, "x"));
    assertThrows(IllegalArgumentException.class, () -> SegmentCondition.of("a", IS_TRUE, true));
    assertThrows(
        IllegalArgumentException.class, () -> SegmentCondition.ofValues("a", IS, List.of("x")));
    assertThrows(
        IllegalArgumentException.class, () -> SegmentCondition.of("a", GREATER_THAN, "abc"));
    assertThrows(IllegalArgumentException.class, () -> SegmentCondition.of("a", IS, List.of()));
    assertThrows(IllegalArgumentException.class, () -> SegmentCondition.of(" ", IS, "x"));
    SegmentCondition.of("a", HAS_NO_VALUE, null);
    SegmentCondition.of("a", GREATER_THAN, "50");
  }

  @Test
  void isComparesStringsExactlyAndNumbersNumerically() {
    assertTrue(test(IS, "enterprise", "enterprise"));
    assertFalse(test(IS, "enterprise", "Enterprise"));
    assertFalse(test(IS, "enterprise", "enterprise "));
    assertTrue(test(IS, 50, new BigDecimal("50.0")));
    assertTrue(test(IS, "50", 50L));
    assertTrue(test(IS, 50, "50"));
    assertTrue(test(IS, 0.5, new BigDecimal("0.50")));
    assertFalse(test(IS, 50, 51));
    assertTrue(test(IS, true, Boolean.TRUE));
    assertTrue(test(IS, "true", Boolean.TRUE));
    assertFalse(test(IS, "x", null));
  }

  @Test
  void negationsAreTrueForMissingAttributes() {
    assertTrue(test(IS_NOT, "enterprise", null));
    assertFalse(test(IS_NOT, "enterprise", "enterprise"));
    assertTrue(test(NOT_CONTAINS, "x", null));
    assertTrue(testValues(NONE_OF, List.of("de"), null));
  }

  @Test
  void containsIsACaseSensitiveSubstringOfTheTextForm() {
    assertTrue(test(CONTAINS, "cme", "Acme, Inc."));
    assertFalse(test(CONTAINS, "ACME", "Acme, Inc."));
    assertTrue(test(CONTAINS, "5", 500));
    assertFalse(test(CONTAINS, "x", null));
    assertFalse(test(NOT_CONTAINS, "cme", "Acme"));
  }

  @Test
  void anyOfAndNoneOf() {
    List<Object> eu = List.of("de", "fr", "se");
    assertTrue(testValues(ANY_OF, eu, "fr"));
    assertFalse(testValues(ANY_OF, eu, "jp"));
    assertFalse(testValues(ANY_OF, eu, null));
    assertTrue(testValues(ANY_OF, List.of(5, 50), new BigDecimal("50")));
    assertTrue(testValues(NONE_OF, eu, "jp"));
    assertFalse(testValues(NONE_OF, eu, "de"));
  }

  @Test
  void hasValue() {
    assertTrue(test(HAS_ANY_VALUE, null, "x"));
    assertTrue(test(HAS_ANY_VALUE, null, 0));
    assertTrue(test(HAS_ANY_VALUE, null, false));
    assertTrue(test(HAS_ANY_VALUE, null, " "));
    assertFalse(test(HAS_ANY_VALUE, null, ""));
    assertFalse(test(HAS_ANY_VALUE, null, null));
    assertTrue(test(HAS_NO_VALUE, null, ""));
    assertTrue(test(HAS_NO_VALUE, null, null));
    assertFalse(test(HAS_NO_VALUE, null, "x"));
  }

  @Test
  void greaterAndLessThanAreNumericAndFalseForNonNumbers() {
    assertTrue(test(GREATER_THAN, 50, 51));
    assertFalse(test(GREATER_THAN, 50, 50));
    assertTrue(test(GREATER_THAN, 50, "100"), "numeric string, not text order");
    assertTrue(test(GREATER_THAN, "9", 10L));
    assertTrue(test(GREATER_THAN, 1.5, 1.75));
    assertFalse(test(GREATER_THAN, 50, "many"));
    assertFalse(test(GREATER_THAN, 50, null));
    assertFalse(test(GREATER_THAN, 50, true));
    assertFalse(test(GREATER_THAN, 0, Double.NaN));
    assertTrue(test(LESS_THAN, 50, 5));
    assertFalse(test(LESS_THAN, 50, 50));
    assertFalse(test(LESS_THAN, 50, "few"));
    assertFalse(test(LESS_THAN, 50, null));
  }

  @Test
  void booleans() {
    assertTrue(test(IS_TRUE, null, true));
    assertTrue(test(IS_TRUE, null, "TRUE"));
    assertFalse(test(IS_TRUE, null, false));
    assertFalse(test(IS_TRUE, null, 1));
    assertFalse(test(IS_TRUE, null, null));
    assertTrue(test(IS_FALSE, null, false));
    assertTrue(test(IS_FALSE, null, "false"));
    assertFalse(test(IS_FALSE, null, null));
    assertFalse(test(IS_FALSE, null, "no"));
  }

  @Test
  void conditionsAreAnded() {
    SegmentDefinition segment =
        new SegmentDefinition(
            "big-eu",
            "Big EU",
            List.of(
                SegmentCondition.of("seats", GREATER_THAN, 50),
                SegmentCondition.ofValues("region", ANY_OF, List.of("de", "fr"))));
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("seats", 51);
    attributes.put("region", "fr");
    assertTrue(segment.matches(attributes));
    attributes.put("region", "us");
    assertFalse(segment.matches(attributes));
    attributes.put("region", "de");
    attributes.put("seats", null);
    assertFalse(segment.matches(attributes));
    assertFalse(segment.matches(Map.of()));
  }

  @Test
  void segmentWithoutConditionsMatchesEveryCompany() {
    assertTrue(new SegmentDefinition("all", "All", List.of()).matches(Map.of()));
  }

  @Test
  void namesWithCommasAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new SegmentDefinition("s", "Big, EU", List.of()));
    assertTrue(e.getMessage().contains("comma"));
    assertThrows(IllegalArgumentException.class, () -> new SegmentDefinition("s", " ", List.of()));
  }
}
