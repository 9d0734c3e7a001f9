/**
 * MicroProfile Health checks, served by WildFly at {@code /health/live} and {@code /health/ready}
 * on the management interface: live while the application is deployed; ready when the database
 * answers, this deployment's schema migrations were applied ({@link
 * com.warehouseexport.health.SchemaVersion}, set by the EJB module's {@code SchemaMigrations}) and
 * the batch runtime answers. The logic is {@link com.warehouseexport.health.ReadinessProbes}, plain
 * Java with a unit test. This jar is a library of the EAR because WildFly's health subsystem finds
 * checks through a bean manager that sees the EAR's libraries but not its modules.
 */
package com.warehouseexport.health;
