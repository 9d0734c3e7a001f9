/**
 * The S3-compatible bucket as a {@link com.warehouseexport.export.destination.PeriodDestination}:
 * the one place that opens the customer's bucket, uploads a period and its manifest, and names the
 * objects.
 */
package com.warehouseexport.export.destination.s3;
