package com.warehouseexport.export.s3;

import java.util.Objects;

/**
 * An access key pair for a customer's bucket, decrypted only where the S3 client is built. {@link
 * #toString()} never shows the secret and masks the key ID, so an instance can be logged by
 * accident without leaking anything.
 *
 * @param accessKeyId the access key ID (AWS) or HMAC access ID (GCP)
 * @param secretAccessKey the secret; never log it or put it into a message
 */
public record S3Credentials(String accessKeyId, String secretAccessKey) {

  public S3Credentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
  }

  /** The key ID as {@code AKIA…WXYZ} (first 4 and last 4 characters); {@code ****} if short. */
  public String maskedAccessKeyId() {
    return mask(accessKeyId);
  }

  static String mask(String keyId) {
    if (keyId == null || keyId.length() < 12) {
      return "****";
    }
    return keyId.substring(0, 4) + "…" + keyId.substring(keyId.length() - 4);
  }

  @Override
  public String toString() {
    return "S3Credentials[accessKeyId=" + maskedAccessKeyId() + ", secretAccessKey=****]";
  }
}
