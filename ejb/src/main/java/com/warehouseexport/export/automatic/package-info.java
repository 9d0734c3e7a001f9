/**
 * Automatic export: the scheduler timer, period claims (exactly once), schedule settings and the
 * status block.
 */
package com.warehouseexport.export.automatic;
