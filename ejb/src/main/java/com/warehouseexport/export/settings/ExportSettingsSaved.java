package com.warehouseexport.export.settings;

/**
 * CDI event: an admin saved valid, enabled automatic export settings for this environment's
 * destination of kind {@code destination} ({@code s3} or {@code postgresql}; for example with fixed
 * keys or bucket). Fired inside the saving transaction; observers that act on it observe {@code
 * AFTER_SUCCESS}.
 */
public record ExportSettingsSaved(long environmentId, String destination) {}
