/** Schedule arithmetic: cadences, due periods, grace, look-back, next run. */
package com.warehouseexport.core.schedule;
