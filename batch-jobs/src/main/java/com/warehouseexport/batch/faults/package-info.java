/**
 * The export step's hook into the application's one fault-injection mechanism ({@code
 * com.warehouseexport.platform.FaultInjection}): a listener that does nothing unless the server
 * runs with {@code -Dwarehouse.faultInjection=true}.
 */
package com.warehouseexport.batch.faults;
