package com.warehouseexport.core.segment;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The operators of a segment condition, with their API labels (PRODUCT.md §2). */
public enum SegmentOperator {
  /** Equal to the value. */
  IS("is", Operand.SINGLE),
  /** Not equal to the value (true when the attribute is missing). */
  IS_NOT("is not", Operand.SINGLE),
  /** The attribute's text contains the value's text (case-sensitive). */
  CONTAINS("contains", Operand.SINGLE),
  /** The attribute's text does not contain the value's text (true when missing). */
  NOT_CONTAINS("not contains", Operand.SINGLE),
  /** Equal to one of the values. */
  ANY_OF("any of", Operand.LIST),
  /** Equal to none of the values (true when missing). */
  NONE_OF("none of", Operand.LIST),
  /** Present, not null and not the empty string. */
  HAS_ANY_VALUE("has any value", Operand.NONE),
  /** Missing, null or the empty string. */
  HAS_NO_VALUE("has no value", Operand.NONE),
  /** Numerically greater than the value; false when either side is not numeric. */
  GREATER_THAN("greater than", Operand.SINGLE),
  /** Numerically less than the value; false when either side is not numeric. */
  LESS_THAN("less than", Operand.SINGLE),
  /** Boolean {@code true} (or the text {@code true}, any case). */
  IS_TRUE("is true", Operand.NONE),
  /** Boolean {@code false} (or the text {@code false}, any case). */
  IS_FALSE("is false", Operand.NONE);

  /** What an operator needs besides the attribute. */
  public enum Operand {
    /** No operand. */
    NONE,
    /** A single {@code value}. */
    SINGLE,
    /** A non-empty list of {@code values}. */
    LIST
  }

  private final String label;
  private final Operand operand;

  SegmentOperator(String label, Operand operand) {
    this.label = label;
    this.operand = operand;
  }

  /** The API label, e.g. {@code not contains}. */
  public String label() {
    return label;
  }

  /** What this operator needs besides the attribute. */
  public Operand operand() {
    return operand;
  }

  /**
   * Looks up an operator by its exact label.
   *
   * @throws IllegalArgumentException if unknown; the message lists the valid labels
   */
  public static SegmentOperator fromLabel(String label) {
    for (SegmentOperator operator : values()) {
      if (operator.label.equals(label)) {
        return operator;
      }
    }
    throw new IllegalArgumentException(
        "Unknown segment operator '"
            + label
            + "'; valid operators: "
            + Arrays.stream(values())
                .map(SegmentOperator::label)
                .collect(Collectors.joining(", ")));
  }
}
