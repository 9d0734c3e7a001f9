package com.warehouseexport.errors;

/** The caller is known but may not do this (HTTP 403): the message says why. */
@jakarta.ejb.ApplicationException(rollback = true)
public class ForbiddenException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String field;

  public ForbiddenException(String message) {
    this(message, null);
  }

  public ForbiddenException(String message, String field) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
