package com.warehouseexport.demo;

import com.warehouseexport.catalog.CatalogService;
import com.warehouseexport.core.demo.DemoDataGenerator;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.export.settings.SettingsInput;
import com.warehouseexport.platform.ServerSettings;
import com.warehouseexport.security.AccountService;
import com.warehouseexport.security.Role;
import com.warehouseexport.tenancy.Organization;
import com.warehouseexport.tenancy.Plan;
import com.warehouseexport.tenancy.ProvisioningService;
import com.warehouseexport.tracking.IngestionService;
import com.warehouseexport.tracking.TrackingItem;
import com.warehouseexport.tracking.TrackingItemParser;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Demo mode ({@code -Dwarehouse.demo=true}, set by the run command): creates the operator account
 * from {@code OPERATOR_PASSWORD} (default {@code operator}) and, when the database has no
 * organizations yet, a demo organization with generated tracking history.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoDataLoader {

  private static final Logger LOG = Logger.getLogger(DemoDataLoader.class.getName());

  @EJB private ProvisioningService provisioning;
  @EJB private CatalogService catalog;
  @EJB private IngestionService ingestion;
  @EJB private AccountService accounts;
  @EJB private ExportSettingsService exportSettings;

  @PostConstruct
  void load() {
    if (!ServerSettings.flag("warehouse.demo")) {
      return;
    }
    String configured = ServerSettings.secret("OPERATOR_PASSWORD", null);
    String operatorPassword = configured == null ? "operator" : configured;
    accounts.ensure("operator", operatorPassword.toCharArray(), Role.OPERATOR, null);
    if (!provisioning.organizations().isEmpty()) {
      LOG.info("Demo mode: data already present, nothing generated");
      announce(operatorPassword);
      return;
    }
    long started = System.nanoTime();
    Organization org = provisioning.createOrganization("Acme Analytics (demo)", Plan.ENTERPRISE);
    ProvisioningService.CreatedEnvironment env =
        provisioning.createEnvironment(org.getId(), "Production");
    accounts.ensure("admin", "admin-demo".toCharArray(), Role.ORG_ADMIN, org.getId());
    DemoDataGenerator generator =
        new DemoDataGenerator(
            new DemoDataGenerator.Options(
                ServerSettings.integer("warehouse.demo.companies", 120),
                ServerSettings.integer("warehouse.demo.features", 8),
                ServerSettings.integer("warehouse.demo.days", 200),
                42L,
                LocalDate.now(ZoneOffset.UTC)));
    generator.features().forEach(f -> catalog.putFeature(env.id(), f.key(), f.name(), null, null));
    for (String[] segment : generator.segments()) {
      try (JsonReader reader = Json.createReader(new StringReader(segment[2]))) {
        catalog.putSegment(env.id(), segment[0], segment[1], reader.readArray());
      }
    }
    List<TrackingItem> buffer = new ArrayList<>();
    long[] count = {0};
    Instant now = Instant.now();
    generator.generate(
        json -> {
          try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject item = reader.readObject();
            buffer.add(TrackingItemParser.parse(item.getString("type"), item, now));
          }
          if (buffer.size() == 2000) {
            ingestion.ingest(env.id(), List.copyOf(buffer));
            count[0] += buffer.size();
            buffer.clear();
          }
        });
    ingestion.ingest(env.id(), buffer);
    count[0] += buffer.size();
    configureAutomaticExport(env.id());
    LOG.info(
        String.format(
            "Demo mode: generated %d tracking items for environment %d in %d ms",
            count[0], env.id(), (System.nanoTime() - started) / 1_000_000));
    announce(operatorPassword);
  }

  /**
   * Points the demo environment's automatic export at the local S3-compatible endpoint the run
   * command starts, and backfills the last week so objects land right away.
   */
  private void configureAutomaticExport(long environmentId) {
    String endpoint = ServerSettings.property("warehouse.demo.s3.endpoint", null);
    if (endpoint == null) {
      return;
    }
    try {
      exportSettings.save(
          environmentId,
          new SettingsInput(
              true,
              "daily",
              "CUSTOM",
              null,
              "warehouse-demo",
              "us-east-1",
              "exports",
              endpoint,
              "demo-access-key",
              "demo-secret-key",
              null),
          "demo");
      exportSettings.backfillFrom(
          environmentId,
          com.warehouseexport.export.ExportJob.DESTINATION_S3,
          LocalDate.now(ZoneOffset.UTC).minusDays(7));
      LOG.info(
          "Demo mode: automatic export of the demo environment goes to bucket 'warehouse-demo' at "
              + endpoint
              + " (data under data/s3/warehouse-demo/exports)");
    } catch (RuntimeException e) {
      LOG.warning(
          "Demo mode: could not configure automatic export to " + endpoint + ": " + e.getMessage());
    }
  }

  private static void announce(String operatorPassword) {
    String warning =
        "operator".equals(operatorPassword)
            ? " — WARNING: default password, set OPERATOR_PASSWORD for anything but a demo"
            : "";
    LOG.warning(
        "Demo users: operator / "
            + ("operator".equals(operatorPassword) ? "operator" : "(OPERATOR_PASSWORD)")
            + warning
            + "; org admin: admin / admin-demo. Console and API at http://localhost:8080/");
  }
}
