package com.warehouseexport.core.s3;

import java.net.URI;
import java.util.Objects;

/**
 * A validated export destination. Build instances with {@link S3LocationParser}; the canonical
 * constructor only checks structural invariants.
 *
 * @param provider where the bucket lives
 * @param bucket the bucket name
 * @param region the signing region ({@code "auto"} and provider-specific names are possible for GCP
 *     and CUSTOM)
 * @param keyPrefix the object key prefix, {@code ""} when none; never starts or ends with {@code /}
 * @param endpoint {@code null} for AWS (the SDK picks the regional endpoint), {@code
 *     https://storage.googleapis.com} for GCP, the configured endpoint for CUSTOM
 * @param pathStyle whether requests must use path-style addressing (true for GCP and CUSTOM)
 */
public record S3Location(
    S3Provider provider,
    String bucket,
    String region,
    String keyPrefix,
    URI endpoint,
    boolean pathStyle) {

  public S3Location {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (keyPrefix.startsWith("/") || keyPrefix.endsWith("/")) {
      throw new IllegalArgumentException("keyPrefix must not start or end with '/': " + keyPrefix);
    }
    if (provider == S3Provider.AWS && endpoint != null) {
      throw new IllegalArgumentException("An AWS location uses the SDK's default endpoint");
    }
    if (provider != S3Provider.AWS && endpoint == null) {
      throw new IllegalArgumentException("A " + provider + " location needs an endpoint");
    }
  }
}
