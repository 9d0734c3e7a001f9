package com.warehouseexport.errors;

/**
 * A well-formed value that cannot be accepted (HTTP 422), e.g. an instant in the future where only
 * the past makes sense: the message says why, {@code field} names the field.
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class RejectedValueException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String field;

  public RejectedValueException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
