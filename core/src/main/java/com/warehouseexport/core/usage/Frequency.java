package com.warehouseexport.core.usage;

/** How often a company uses a feature (CSV columns 12 and 13). */
public enum Frequency {
  /** At least 8 usage days in the last 14 days. */
  DAILY("daily", 3),
  /** Usage in at least 3 of the last 4 seven-day blocks. */
  WEEKLY("weekly", 2),
  /** Usage in at least 7 of the last 12 seven-day blocks. */
  MONTHLY("monthly", 1),
  /** Any usage in the last 84 days. */
  QUARTERLY("quarterly", 0),
  /** None of the above. */
  INACTIVE("inactive", 0);

  private final String label;
  private final int code;

  Frequency(String label, int code) {
    this.label = label;
    this.code = code;
  }

  /** The CSV label, e.g. {@code weekly}. */
  public String label() {
    return label;
  }

  /** The CSV number: 3 daily, 2 weekly, 1 monthly, 0 quarterly or inactive. */
  public int code() {
    return code;
  }
}
