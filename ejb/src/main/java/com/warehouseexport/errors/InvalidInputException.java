package com.warehouseexport.errors;

/** Bad input from a client: the message is for people, {@code field} names the offending field. */
@jakarta.ejb.ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
