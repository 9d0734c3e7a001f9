package com.warehouseexport.catalog;

/**
 * A feature's adoption thresholds changed: its usage summaries must be recomputed.
 *
 * @param environmentId the feature's environment
 */
public record FeatureThresholdsChanged(long environmentId) {}
