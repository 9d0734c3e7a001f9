package com.warehouseexport.health;

import com.warehouseexport.platform.SchemaMigrations;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The application's health checks, registered with WildFly's MicroProfile Health subsystem as CDI
 * beans: one liveness check (the deployment is up) and three readiness checks ({@link
 * ReadinessProbes}).
 */
@ApplicationScoped
public class ApplicationHealthChecks {

  @Resource(lookup = "java:jboss/datasources/AppDS")
  private DataSource dataSource;

  @EJB private SchemaMigrations migrations;

  @Produces
  @Liveness
  HealthCheck deployment() {
    return () ->
        new HealthCheckResponse(
            "warehouse-export", HealthCheckResponse.Status.UP, Optional.of(Map.of()));
  }

  @Produces
  @Readiness
  HealthCheck database() {
    return () -> ReadinessProbes.database(dataSource);
  }

  @Produces
  @Readiness
  HealthCheck schemaMigrations() {
    return () -> ReadinessProbes.migrations(dataSource, migrations.appliedVersion());
  }

  @Produces
  @Readiness
  HealthCheck batchRuntime() {
    return () -> ReadinessProbes.batchRuntime(() -> BatchRuntime.getJobOperator().getJobNames());
  }
}
