package com.warehouseexport.core.segment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/** Comparison rules for JSON-ish attribute values (String, Number, Boolean). */
final class AttributeValues {

  private AttributeValues() {}

  /**
   * The numeric value of a Number, or of a String that parses as a decimal number (surrounding
   * whitespace allowed); empty for anything else, including NaN and infinities.
   */
  static Optional<BigDecimal> numeric(Object value) {
    try {
      if (value instanceof BigDecimal decimal) {
        return Optional.of(decimal);
      }
      if (value instanceof BigInteger integer) {
        return Optional.of(new BigDecimal(integer));
      }
      if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        return Double.isFinite(d)
            ? Optional.of(new BigDecimal(value.toString()))
            : Optional.empty();
      }
      if (value instanceof Number number) {
        return Optional.of(BigDecimal.valueOf(number.longValue()));
      }
      if (value instanceof String text && !text.isBlank()) {
        return Optional.of(new BigDecimal(text.strip()));
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The text form: the string itself, plain decimal form for numbers, "true"/"false". */
  static String text(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Number) {
      return numeric(value)
          .map(d -> d.stripTrailingZeros().toPlainString())
          .orElse(value.toString());
    }
    return String.valueOf(value);
  }

  /**
   * Equality: numerically when one side is a Number and the other is numeric (so {@code 50}, {@code
   * 50.0} and {@code "50"} are equal); otherwise exact, case-sensitive text equality.
   */
  static boolean equal(Object attribute, Object operand) {
    if (attribute instanceof Number || operand instanceof Number) {
      Optional<BigDecimal> a = numeric(attribute);
      Optional<BigDecimal> b = numeric(operand);
      if (a.isPresent() && b.isPresent()) {
        return a.get().compareTo(b.get()) == 0;
      }
    }
    return text(attribute).equals(text(operand));
  }

  /** Numeric comparison; empty when either side is not numeric. */
  static Optional<Integer> compareNumerically(Object attribute, Object operand) {
    Optional<BigDecimal> a = numeric(attribute);
    Optional<BigDecimal> b = numeric(operand);
    return a.isPresent() && b.isPresent()
        ? Optional.of(a.get().compareTo(b.get()))
        : Optional.empty();
  }

  /** Present: not null and not the empty string. */
  static boolean hasValue(Object value) {
    return value != null && !(value instanceof String text && text.isEmpty());
  }

  /** Boolean value of a Boolean or of the text "true"/"false" (any case); else empty. */
  static Optional<Boolean> bool(Object value) {
    if (value instanceof Boolean b) {
      return Optional.of(b);
    }
    if (value instanceof String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "true" -> Optional.of(true);
        case "false" -> Optional.of(false);
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }
}
