package com.warehouseexport.core.s3;

import java.util.Objects;

/**
 * A bucket setting an administrator entered is not acceptable. The message is written for the
 * administrator; {@link #field()} names the offending settings field ({@code "bucketUrl"}, {@code
 * "bucket"}, {@code "region"}, {@code "key"} or {@code "endpoint"}).
 */
public final class InvalidS3SettingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidS3SettingException(String field, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The settings field the message is about. */
  public String field() {
    return field;
  }
}
