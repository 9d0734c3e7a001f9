/**
 * The S3 adapter (AWS SDK v2): client construction with the SSRF guard, streaming multipart upload,
 * manifests, error translation.
 */
package com.warehouseexport.export.s3;
