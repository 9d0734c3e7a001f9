/**
 * The publish step: move a download into the export store, or upload to the customer's bucket with
 * its manifest.
 */
package com.warehouseexport.batch.publish;
