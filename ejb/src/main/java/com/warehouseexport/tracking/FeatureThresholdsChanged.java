package com.warehouseexport.tracking;

/**
 * A feature's adoption thresholds changed: its usage summaries must be recomputed.
 *
 * @param environmentId the feature's environment
 */
public record FeatureThresholdsChanged(long environmentId) {}
