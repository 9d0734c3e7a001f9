package com.warehouseexport.core.csv;

/**
 * The spreadsheet-safe variant of a CSV cell (PRODUCT.md §9): a value that a spreadsheet would read
 * as a formula or a control sequence — it starts with {@code =}, {@code +}, {@code -}, {@code @},
 * tab or carriage return — is prefixed with a single quote, which spreadsheets show as text. Every
 * other value, and null, is returned unchanged.
 *
 * <p>Only for downloads a person opens in a spreadsheet: bucket exports stay raw, because data
 * warehouses need the original values.
 */
public final class SpreadsheetSafe {

  private SpreadsheetSafe() {}

  /** The cell as a spreadsheet may show it safely. */
  public static String cell(String value) {
    return needsPrefix(value) ? "'" + value : value;
  }

  /** Whether {@code value} starts with a character a spreadsheet interprets. */
  public static boolean needsPrefix(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    return switch (value.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> true;
      default -> false;
    };
  }
}
