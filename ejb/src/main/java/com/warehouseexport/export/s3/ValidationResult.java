package com.warehouseexport.export.s3;

/**
 * The outcome of checking an export destination.
 *
 * @param ok whether the bucket could be listed with the credentials
 * @param field on failure, the settings field to blame: one of the {@code FIELD_…} constants, or
 *     null when no single field is at fault (e.g. a network problem on the server side)
 * @param message on failure, a sentence for an administrator; null when ok
 */
public record ValidationResult(boolean ok, String field, String message) {

  public static final String FIELD_ACCESS_KEY_ID = "accessKeyId";
  public static final String FIELD_SECRET_ACCESS_KEY = "secretAccessKey";
  public static final String FIELD_BUCKET = "bucket";
  public static final String FIELD_BUCKET_URL = "bucketUrl";
  public static final String FIELD_REGION = "region";
  public static final String FIELD_ENDPOINT = "endpoint";

  private static final ValidationResult SUCCESS = new ValidationResult(true, null, null);

  public ValidationResult {
    if (!ok && (message == null || message.isBlank())) {
      throw new IllegalArgumentException("A failure needs a message");
    }
  }

  public static ValidationResult success() {
    return SUCCESS;
  }

  public static ValidationResult failure(String field, String message) {
    return new ValidationResult(false, field, message);
  }
}
