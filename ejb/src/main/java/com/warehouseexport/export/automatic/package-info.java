/**
 * Automatic export: the scheduler timer, period claims (exactly once), schedule settings and the
 * status block, and auto-pause after repeated failures.
 */
package com.warehouseexport.export.automatic;
