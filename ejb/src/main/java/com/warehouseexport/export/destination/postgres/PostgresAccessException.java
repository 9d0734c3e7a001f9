package com.warehouseexport.export.destination.postgres;

/**
 * The customer's PostgreSQL could not be used; the message is for the environment's admin and
 * {@link #field()} names the settings field to look at. Never carries the password.
 */
public class PostgresAccessException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String field;

  public PostgresAccessException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
