package com.warehouseexport.core.usage;

import java.util.Comparator;

/**
 * Orders strings by Unicode code point, like PostgreSQL's {@code COLLATE "C"} on UTF-8 text.
 *
 * <p>{@link String#compareTo} compares UTF-16 code units, which puts supplementary characters
 * (surrogate pairs, e.g. emoji) before characters in U+E000..U+FFFF. This comparator does not.
 */
public final class CodePointOrder {

  /** Compares two non-null strings code point by code point; a proper prefix sorts first. */
  public static final Comparator<String> COMPARATOR = CodePointOrder::compare;

  private CodePointOrder() {}

  private static int compare(String a, String b) {
    int length = Math.min(a.length(), b.length());
    for (int i = 0; i < length; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) {
          return Integer.compare(a.codePointAt(i), b.codePointAt(i));
        }
        return Character.compare(ca, cb);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
