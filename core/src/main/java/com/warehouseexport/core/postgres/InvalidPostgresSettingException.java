package com.warehouseexport.core.postgres;

import java.util.Objects;

/**
 * A PostgreSQL destination setting is not acceptable. The message is written for the administrator;
 * {@link #field()} names the settings field ({@code host}, {@code port}, {@code database}, {@code
 * schema}, {@code table}, {@code user}, {@code password} or {@code tlsMode}).
 */
public final class InvalidPostgresSettingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidPostgresSettingException(String field, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The settings field the message is about. */
  public String field() {
    return field;
  }
}
