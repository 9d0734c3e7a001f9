package com.warehouseexport.export.s3;

/**
 * A completed upload.
 *
 * @param key the object key
 * @param bytes the number of bytes stored
 * @param sha256 the lower-case hex SHA-256 of the bytes, computed while streaming
 * @param etag the ETag the provider returned (quotes removed)
 */
public record UploadResult(String key, long bytes, String sha256, String etag) {}
