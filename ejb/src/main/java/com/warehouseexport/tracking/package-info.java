/**
 * Ingestion: parsing tracking items, validation, and the JDBC rollups per company x feature x day.
 */
package com.warehouseexport.tracking;
