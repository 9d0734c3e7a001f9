/**
 * An environment's catalog: features (names, adoption thresholds) and segments (conditions on
 * company attributes).
 */
package com.warehouseexport.catalog;
