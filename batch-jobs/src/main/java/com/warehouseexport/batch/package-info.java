/**
 * The {@code company-usage-export} job's shared pieces: typed parameters, step listener,
 * admin-facing error messages.
 */
package com.warehouseexport.batch;
