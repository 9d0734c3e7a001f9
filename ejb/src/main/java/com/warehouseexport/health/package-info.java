/**
 * MicroProfile Health checks served by WildFly at {@code /health/live} and {@code /health/ready} on
 * the management interface: live while the application is deployed; ready when the database
 * answers, the schema migrations have been applied and the batch runtime answers. The checks' logic
 * ({@link com.warehouseexport.health.ReadinessProbes}) is plain Java with a unit test.
 */
package com.warehouseexport.health;
