/**
 * Where a finished period goes: the {@link
 * com.warehouseexport.export.destination.PeriodDestination} seam (validate the settings, deliver a
 * period, describe its location) and the registry of its implementations. The S3 bucket is the
 * first implementation ({@code export.s3}); the scheduler, claims, retries, status and history only
 * know a destination's kind.
 */
package com.warehouseexport.export.destination;
