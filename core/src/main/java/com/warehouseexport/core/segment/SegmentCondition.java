package com.warehouseexport.core.segment;

import java.util.List;
import java.util.Objects;

/**
 * One condition of a segment: {@code attribute operator [value | values]}.
 *
 * <p>Comparison rules (values are JSON-ish: String, Number, Boolean, or null/missing):
 *
 * <ul>
 *   <li>{@code is}, {@code any of}: numeric equality when one side is a Number and the other is a
 *       Number or numeric string ({@code 50 is "50.0"}); otherwise exact, case-sensitive text
 *       equality (Booleans as {@code true}/{@code false}). A missing or null attribute never
 *       matches.
 *   <li>{@code is not}, {@code none of}, {@code not contains}: the exact negation of {@code is},
 *       {@code any of}, {@code contains}; thus true when the attribute is missing or null.
 *   <li>{@code contains}: case-sensitive substring test on the text forms.
 *   <li>{@code has any value}: present, non-null and not the empty string; {@code has no value}:
 *       its negation.
 *   <li>{@code greater than}, {@code less than}: numeric comparison; false when either side is not
 *       a number or numeric string.
 *   <li>{@code is true}, {@code is false}: a Boolean or the text {@code true}/{@code false} (any
 *       case); false for anything else, including missing.
 * </ul>
 *
 * @param attribute the company attribute name
 * @param operator the operator
 * @param value the single operand, null unless the operator takes one
 * @param values the list operand, empty unless the operator takes a list
 */
public record SegmentCondition(
    String attribute, SegmentOperator operator, Object value, List<Object> values) {

  /** Validates that exactly the operand the operator needs is given. */
  public SegmentCondition {
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(operator, "operator");
    if (attribute.isBlank()) {
      throw new IllegalArgumentException("attribute must not be blank");
    }
    values = values == null ? List.of() : List.copyOf(values);
    String label = "'" + operator.label() + "'";
    switch (operator.operand()) {
      case NONE -> {
        if (value != null || !values.isEmpty()) {
          throw new IllegalArgumentException(label + " takes no value");
        }
      }
      case SINGLE -> {
        if (value == null) {
          throw new IllegalArgumentException(label + " requires a value");
        }
        if (!values.isEmpty()) {
          throw new IllegalArgumentException(label + " takes a single value, not values");
        }
        requireScalar(value);
      }
      case LIST -> {
        if (values.isEmpty()) {
          throw new IllegalArgumentException(label + " requires a non-empty list of values");
        }
        if (value != null) {
          throw new IllegalArgumentException(label + " takes values, not a single value");
        }
        values.forEach(SegmentCondition::requireScalar);
      }
    }
    if ((operator == SegmentOperator.GREATER_THAN || operator == SegmentOperator.LESS_THAN)
        && AttributeValues.numeric(value).isEmpty()) {
      throw new IllegalArgumentException(label + " requires a numeric value, got " + value);
    }
  }

  /** A condition with a single value, or without one (pass null) for operators taking none. */
  public static SegmentCondition of(String attribute, SegmentOperator operator, Object value) {
    return new SegmentCondition(attribute, operator, value, List.of());
  }

  /** A condition with a list of values ({@code any of}, {@code none of}). */
  public static SegmentCondition ofValues(
      String attribute, SegmentOperator operator, List<?> values) {
    return new SegmentCondition(attribute, operator, null, List.copyOf(values));
  }

  private static void requireScalar(Object operand) {
    if (!(operand instanceof String || operand instanceof Number || operand instanceof Boolean)) {
      throw new IllegalArgumentException(
          "values must be strings, numbers or booleans, got " + operand.getClass().getName());
    }
  }

  /** Whether a company attribute value (null when missing) satisfies this condition. */
  public boolean test(Object attributeValue) {
    Object a = attributeValue;
    return switch (operator) {
      case IS -> a != null && AttributeValues.equal(a, value);
      case IS_NOT -> !(a != null && AttributeValues.equal(a, value));
      case CONTAINS -> contains(a);
      case NOT_CONTAINS -> !contains(a);
      case ANY_OF -> anyOf(a);
      case NONE_OF -> !anyOf(a);
      case HAS_ANY_VALUE -> AttributeValues.hasValue(a);
      case HAS_NO_VALUE -> !AttributeValues.hasValue(a);
      case GREATER_THAN -> AttributeValues.compareNumerically(a, value).orElse(0) > 0;
      case LESS_THAN -> AttributeValues.compareNumerically(a, value).orElse(0) < 0;
      case IS_TRUE -> AttributeValues.bool(a).orElse(false);
      case IS_FALSE -> !AttributeValues.bool(a).orElse(true);
    };
  }

  private boolean contains(Object a) {
    return a != null && AttributeValues.text(a).contains(AttributeValues.text(value));
  }

  private boolean anyOf(Object a) {
    return a != null && values.stream().anyMatch(v -> AttributeValues.equal(a, v));
  }
}
