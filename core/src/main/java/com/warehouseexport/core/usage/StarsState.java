package com.warehouseexport.core.usage;

/** The STARS state of a company × feature (CSV columns 10 and 11). */
public enum StarsState {
  /** No usage up to the data point. */
  NEVER("never", 1),
  /** Used, but never adopted. */
  TRIED("tried", 2),
  /** Adopted at the data point's Date. */
  RETAINED("retained", 3),
  /** Adopted on some earlier day, but not at the data point's Date. */
  CHURNED("churned", 4);

  private final String label;
  private final int code;

  StarsState(String label, int code) {
    this.label = label;
    this.code = code;
  }

  /** The CSV label, e.g. {@code tried}. */
  public String label() {
    return label;
  }

  /** The CSV number: 1 never, 2 tried, 3 retained, 4 churned. */
  public int code() {
    return code;
  }
}
