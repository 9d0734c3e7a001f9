/**
 * The chunk step's reader: companies merged with their rollups, streamed in export order from one
 * snapshot, checkpointed.
 */
package com.warehouseexport.batch.reader;
