package com.warehouseexport.health;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** The checks as CDI beans, one class each (WildFly's health subsystem collects them). */
public final class ApplicationHealthChecks {

  /**
   * The application datasource (a global JNDI name, visible from this library): the EJB module's
   * {@code platform.DataSources.APP}, repeated because this library does not depend on that module.
   */
  static final String DATASOURCE = "java:jboss/datasources/AppDS";

  private ApplicationHealthChecks() {}

  static DataSource dataSource() throws NamingException {
    return InitialContext.doLookup(DATASOURCE);
  }

  /** Liveness: UP while the application is deployed (WildFly's own checks cover the server). */
  @Liveness
  @ApplicationScoped
  public static class Deployed implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
      return new HealthCheckResponse(
          "warehouse-export", HealthCheckResponse.Status.UP, Optional.empty());
    }
  }

  /** Readiness: the database answers. */
  @Readiness
  @ApplicationScoped
  public static class Database implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
      try {
        return ReadinessProbes.database(dataSource());
      } catch (NamingException e) {
        return ReadinessProbes.database(null);
      }
    }
  }

  /** Readiness: this deployment's schema migrations were applied. */
  @Readiness
  @ApplicationScoped
  public static class Migrations implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
      try {
        return ReadinessProbes.migrations(dataSource(), SchemaVersion.applied());
      } catch (NamingException e) {
        return ReadinessProbes.migrations(null, SchemaVersion.applied());
      }
    }
  }

  /** Readiness: the batch runtime reads its job repository. */
  @Readiness
  @ApplicationScoped
  public static class Batch implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
      return ReadinessProbes.batchRuntime(() -> BatchRuntime.getJobOperator().getJobNames());
    }
  }
}
