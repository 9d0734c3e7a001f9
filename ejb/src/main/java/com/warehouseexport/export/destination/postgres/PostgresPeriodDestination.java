package com.warehouseexport.export.destination.postgres;

import com.warehouseexport.core.postgres.PostgresTarget;
import com.warehouseexport.core.postgres.RightsCheck;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.PublishedExport;
import com.warehouseexport.export.destination.DeliveryFailedException;
import com.warehouseexport.export.destination.DestinationSettings;
import com.warehouseexport.export.destination.FinishedPeriod;
import com.warehouseexport.export.destination.PeriodDestination;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.export.settings.SettingsRejectedException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The customer's PostgreSQL table (Enterprise, issue 23 item 2). Validation connects and checks the
 * rights a delivery needs inside a rolled-back transaction, naming what is missing; a delivery
 * opens its own connection ({@link PostgresConnections}: guarded, by address, bounded timeouts, not
 * pooled), replaces the period's rows in one transaction ({@link PostgresTableAccess}) and closes
 * it. Failures become {@link DeliveryFailedException}s, so claims, retries, the give-up horizon,
 * status, calendar, alerts and history treat them as they treat a bucket's.
 */
@ApplicationScoped
public class PostgresPeriodDestination implements PeriodDestination {

  private static final Logger LOG = Logger.getLogger(PostgresPeriodDestination.class.getName());

  @EJB private ExportSettingsService settings;

  @Override
  public String kind() {
    return ExportJob.DESTINATION_POSTGRESQL;
  }

  @Override
  public void validate(DestinationSettings destination) {
    PostgresDestinationSettings s = (PostgresDestinationSettings) destination;
    RightsCheck.Result result;
    try (Connection c = PostgresConnections.fromServerConfiguration().open(s)) {
      result = PostgresTableAccess.check(c, s.target());
    } catch (PostgresAccessException e) {
      throw new SettingsRejectedException(e.field(), e.getMessage());
    } catch (SQLException e) {
      throw new SettingsRejectedException(
          "host",
          "Checking " + s.target().describe() + " failed: " + PostgresTableAccess.serverMessage(e));
    }
    if (!result.ok()) {
      throw new SettingsRejectedException(result.field(), result.message());
    }
  }

  @Override
  public PublishedExport deliver(FinishedPeriod period)
      throws DeliveryFailedException, IOException {
    PeriodId id = period.id();
    PostgresDestinationSettings s = settings.postgresDestination(id.environmentId());
    PostgresTarget t = s.target();
    OffsetDateTime exportedAt = OffsetDateTime.now(ZoneOffset.UTC);
    long rows;
    try (Connection c = PostgresConnections.fromServerConfiguration().open(s);
        Reader csv = Files.newBufferedReader(period.file(), StandardCharsets.UTF_8)) {
      rows = PostgresTableAccess.deliver(c, t, id.period(), exportedAt, csv, period.rows());
    } catch (PostgresAccessException e) {
      throw failed(t, id, ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw failed(t, id, ", nothing was changed: " + PostgresTableAccess.serverMessage(e), e);
    } catch (IOException e) {
      throw failed(t, id, ", nothing was changed: " + e.getMessage(), e);
    }
    LOG.fine(() -> "Period " + id + ": " + rows + " rows committed to " + t.describe());
    return new PublishedExport(rows, Files.size(period.file()), null, describe(t, id), null);
  }

  /**
   * The failure without the driver's exception as its cause: the batch runtime keeps a step's
   * exception serialized and cannot read back one whose classes (pgjdbc's, a server module) it does
   * not see, which would replace this message by a generic one. The cause is logged here.
   */
  private static DeliveryFailedException failed(
      PostgresTarget t, PeriodId id, String what, Exception cause) {
    LOG.log(Level.FINE, "Delivering period " + id + " to " + t.describe() + " failed", cause);
    return new DeliveryFailedException("Delivering to " + t.describe() + " failed" + what, null);
  }

  @Override
  public String describe(PeriodId id) {
    return settings
        .postgresTarget(id.environmentId())
        .map(t -> describe(t, id))
        .orElse("postgresql (no table configured for environment " + id.environmentId() + ")");
  }

  private static String describe(PostgresTarget t, PeriodId id) {
    return t.describe() + " export_period=" + id.period();
  }
}
