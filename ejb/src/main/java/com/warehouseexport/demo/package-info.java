/**
 * Demo mode: the demo organization, users, tracking history and bucket created at start-up with
 * {@code warehouse.demo=true}.
 */
package com.warehouseexport.demo;
