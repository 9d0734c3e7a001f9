/**
 * Platform plumbing: schema migrations, SQL dialect differences (H2, PostgreSQL), server
 * information, and the test-only fault points ({@link
 * com.warehouseexport.platform.FaultInjection}).
 */
package com.warehouseexport.platform;
