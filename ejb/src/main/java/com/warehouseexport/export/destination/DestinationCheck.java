package com.warehouseexport.export.destination;

import java.util.Objects;

/**
 * What trying a destination found (PRODUCT.md §5 "Validation proves delivery"): a delivery was
 * proven ({@code ok}), proven with a caveat ({@code warning}, e.g. a bucket's test file could not
 * be deleted), or refused ({@code failed}, nothing will land).
 *
 * @param outcome {@code ok}, {@code warning} or {@code failed}
 * @param step the step that failed or warned (e.g. {@code put}), or null when ok
 * @param field the settings field to blame, or null
 * @param message a sentence for an administrator
 */
public record DestinationCheck(String outcome, String step, String field, String message) {

  public static final String OK = "ok";
  public static final String WARNING = "warning";
  public static final String FAILED = "failed";

  public DestinationCheck {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
  }

  /** Whether a delivery would land (ok or warning). */
  public boolean delivers() {
    return !FAILED.equals(outcome);
  }

  public boolean warning() {
    return WARNING.equals(outcome);
  }
}
