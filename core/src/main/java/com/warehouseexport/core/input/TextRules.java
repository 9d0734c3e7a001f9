package com.warehouseexport.core.input;

/**
 * Which characters client text may contain: no C0 control characters (U+0000–U+001F, so no NUL),
 * except tab, CR and LF where free text is allowed (feedback comments), and no unpaired UTF-16
 * surrogates (they cannot be written as UTF-8). NUL breaks PostgreSQL {@code COPY}; the others
 * break customers' loads or logs.
 */
public final class TextRules {

  private TextRules() {}

  /** The index of the first character an id, name or value may not contain, or -1. */
  public static int firstForbidden(String text) {
    return firstForbidden(text, false);
  }

  /** The index of the first forbidden character, or -1; {@code freeText} allows tab, CR and LF. */
  public static int firstForbidden(String text, boolean freeText) {
    if (text == null) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20) {
        if (freeText && (c == '\t' || c == '\r' || c == '\n')) {
          continue;
        }
        return i;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the text holds no forbidden character. */
  public static boolean isClean(String text, boolean freeText) {
    return firstForbidden(text, freeText) < 0;
  }

  /**
   * Why the text is refused, for a message naming the field ({@code "companyId contains a control
   * character (U+0000) at position 3"}), or null when it is clean.
   */
  public static String problem(String field, String text, boolean freeText) {
    int at = firstForbidden(text, freeText);
    if (at < 0) {
      return null;
    }
    char c = text.charAt(at);
    String what =
        c < 0x20
            ? "a control character (U+" + String.format("%04X", (int) c) + ")"
            : "an unpaired surrogate (not valid Unicode)";
    String allowed = freeText ? "; only tab, CR and LF are allowed" : "";
    return field + " contains " + what + " at position " + at + allowed;
  }
}
