package com.warehouseexport.api.v1;

/** A 4xx answer with a message for people. */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int status;
  private final String field;

  public ApiException(int status, String message) {
    this(status, message, null);
  }

  public ApiException(int status, String message, String field) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }
}
