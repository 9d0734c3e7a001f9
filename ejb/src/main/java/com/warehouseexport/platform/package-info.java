/**
 * Platform plumbing: schema migrations, SQL dialect differences (H2, PostgreSQL), server
 * information.
 */
package com.warehouseexport.platform;
