/**
 * The chunk step's processor: one company's history to its CSV rows, delegating the math to core.
 */
package com.warehouseexport.batch.aggregator;
