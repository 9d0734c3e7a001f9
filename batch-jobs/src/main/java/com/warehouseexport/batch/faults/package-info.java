/**
 * Fault injection for the integration tests, kept out of the production artifacts: a listener that
 * does nothing unless the server runs with {@code -Dwarehouse.faultInjection=true}.
 */
package com.warehouseexport.batch.faults;
