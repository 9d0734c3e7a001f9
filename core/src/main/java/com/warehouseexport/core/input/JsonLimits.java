package com.warehouseexport.core.input;

/**
 * Checks a JSON text against nesting-depth and number-length limits <em>before</em> it is parsed,
 * in one pass without recursion, so a body nested 5,000 levels deep or a number of 60,000 digits is
 * refused cheaply instead of reaching the parser. It does not validate the JSON otherwise: the
 * parser does that afterwards.
 *
 * @param maxDepth the deepest nesting of objects and arrays allowed (1 = a flat object)
 * @param maxNumberChars the longest number token allowed, sign, point and exponent included
 */
public record JsonLimits(int maxDepth, int maxNumberChars) {

  /** The limits of the APIs' request bodies. */
  public static final JsonLimits API = new JsonLimits(32, 100);

  /** A limit a text exceeds: the message, and the field (object key) it was found under. */
  public record Violation(String message, String field) {}

  public JsonLimits {
    if (maxDepth < 1 || maxNumberChars < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** The first limit the text exceeds, or null. */
  public Violation check(CharSequence text) {
    int depth = 0;
    int numberLength = 0;
    boolean inString = false;
    int stringStart = -1;
    // The bounds of the last string and of the last key: a key becomes a String only for a
    // violation (not for every string of a 10 MB bulk body).
    int lastStart = -1;
    int lastEnd = -1;
    int keyStart = -1;
    int keyEnd = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
          lastStart = stringStart;
          lastEnd = i;
        }
        continue;
      }
      if (c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9')) {
        numberLength++;
        if (numberLength > maxNumberChars) {
          return new Violation(
              "numbers may have at most " + maxNumberChars + " characters",
              key(text, keyStart, keyEnd));
        }
        continue;
      }
      numberLength = 0;
      switch (c) {
        case '"' -> {
          inString = true;
          stringStart = i + 1;
        }
        case ':' -> {
          keyStart = lastStart;
          keyEnd = lastEnd;
        }
        case '{', '[' -> {
          depth++;
          if (depth > maxDepth) {
            return new Violation(
                "JSON may be nested at most " + maxDepth + " levels deep",
                key(text, keyStart, keyEnd));
          }
        }
        case '}', ']' -> depth = Math.max(0, depth - 1);
        default -> {}
      }
    }
    return null;
  }

  /** The key between {@code start} and {@code end} (none: null), at most 100 characters and "…". */
  private static String key(CharSequence text, int start, int end) {
    if (start < 0) {
      return null;
    }
    return end - start <= 100
        ? text.subSequence(start, end).toString()
        : text.subSequence(start, start + 100) + "…";
  }
}
