package com.warehouseexport.export.s3;

import jakarta.ejb.ApplicationException;

/**
 * An S3 operation failed or was refused. The message is meant for an administrator (it says what
 * went wrong and what to change) and never contains the secret access key.
 */
@ApplicationException(rollback = true)
public class S3AccessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the settings field the problem is attributed to (one of the {@code FIELD_…}
   *     constants of {@link ValidationResult}), or null
   */
  public S3AccessException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  public S3AccessException(String field, String message) {
    this(field, message, null);
  }

  /** The settings field the problem is attributed to, or null. */
  public String field() {
    return field;
  }

  /** This failure as a validation result, e.g. for a settings form. */
  public ValidationResult toValidationResult() {
    return ValidationResult.failure(field, getMessage());
  }
}
