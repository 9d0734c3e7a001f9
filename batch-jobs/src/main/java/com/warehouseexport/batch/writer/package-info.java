/**
 * The chunk step's writer: RFC 4180 CSV into the export's part file, checkpointed by byte offset.
 */
package com.warehouseexport.batch.writer;
