/**
 * The customer's PostgreSQL table as a {@link
 * com.warehouseexport.export.destination.PeriodDestination} (issue 23 item 2): the one place that
 * connects to a customer's database (guarded, by address, with bounded timeouts, never pooled),
 * checks the rights a delivery needs, and delivers a period in one transaction (delete, COPY,
 * commit).
 */
package com.warehouseexport.export.destination.postgres;
