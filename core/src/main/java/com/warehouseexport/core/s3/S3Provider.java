package com.warehouseexport.core.s3;

/** Where the customer's bucket lives. */
public enum S3Provider {
  /** Amazon S3; configured by a single bucket URL. */
  AWS,
  /** Google Cloud Storage through its S3-compatible XML API (HMAC keys). */
  GCP,
  /** Any other S3-compatible service (Cloudflare R2, MinIO, ...), configured with an endpoint. */
  CUSTOM
}
