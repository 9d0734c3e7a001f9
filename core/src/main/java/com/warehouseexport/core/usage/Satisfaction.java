package com.warehouseexport.core.usage;

/** The satisfaction of a company with a feature (CSV columns 14 and 15). */
public enum Satisfaction {
  /** Score 1. */
  VERY_DISSATISFIED("very dissatisfied", 1),
  /** Score 2. */
  DISSATISFIED("dissatisfied", 2),
  /** Score 3. */
  NEUTRAL("neutral", 3),
  /** Score 4. */
  SATISFIED("satisfied", 4),
  /** Score 5. */
  VERY_SATISFIED("very satisfied", 5);

  private final String label;
  private final int code;

  Satisfaction(String label, int code) {
    this.label = label;
    this.code = code;
  }

  /** The CSV label, e.g. {@code very satisfied}. */
  public String label() {
    return label;
  }

  /** The score 1..5. */
  public int code() {
    return code;
  }

  /**
   * The satisfaction for a score.
   *
   * @throws IllegalArgumentException unless {@code 1 <= score <= 5}
   */
  public static Satisfaction of(int score) {
    if (score < 1 || score > 5) {
      throw new IllegalArgumentException("score must be 1..5, got " + score);
    }
    return values()[score - 1];
  }
}
