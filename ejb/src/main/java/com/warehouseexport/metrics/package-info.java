/**
 * The application's meters (Micrometer API; WildFly's Micrometer subsystem serves them in
 * Prometheus format at {@code /metrics} on the management interface): {@link
 * com.warehouseexport.metrics.ApplicationMeters} is called once per site (export start and end,
 * ingestion, fairness refusals), {@link com.warehouseexport.metrics.DeliveryGauges} reads the
 * period claims when scraped. Names and meanings are listed in docs/operations.md.
 */
package com.warehouseexport.metrics;
