package com.warehouseexport.export.settings;

import com.warehouseexport.export.ExportJob;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/**
 * The on/off switch of one saved destination (PRODUCT.md §11: each destination has its own):
 * switching off keeps its settings and checks nothing; switching on saves its stored settings
 * again, so they are checked as any save checks them (a bucket is listed and written to, a table's
 * connection and rights are checked) with the stored secrets, and nothing changes when that fails.
 */
@Stateless
public class DestinationSwitch {

  @EJB private ExportSettingsService settings;

  /**
   * Switches the destination of {@code kind} on or off; the answer is the save's (its check says
   * what was proved). {@link SettingsRejectedException} when that kind was never saved, or when
   * switching on finds it no longer works.
   */
  public ExportSettingsService.Saved turn(long environmentId, String kind, boolean on, String by) {
    SettingsView v = settings.view(environmentId);
    DestinationSchedule d =
        v.destination(kind)
            .orElseThrow(
                () ->
                    new SettingsRejectedException(
                        null,
                        ExportJob.DESTINATION_POSTGRESQL.equals(kind)
                            ? "No PostgreSQL table is set up yet: save it first."
                            : "No bucket is set up yet: save it first."));
    return settings.saveChecked(environmentId, input(v, d, on), by);
  }

  /** The stored settings of one destination as a save of them (secrets: keep the stored ones). */
  static SettingsInput input(SettingsView v, DestinationSchedule d, boolean on) {
    if (ExportJob.DESTINATION_POSTGRESQL.equals(d.kind())) {
      PostgresView pg = v.postgres();
      return new SettingsInput(
          on,
          d.cadence().id(),
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          new PostgresInput(
              pg.host(),
              Integer.toString(pg.port()),
              pg.database(),
              pg.schema(),
              pg.table(),
              pg.user(),
              null,
              pg.tlsMode()));
    }
    return new SettingsInput(
        on,
        d.cadence().id(),
        v.provider(),
        v.bucketUrl(),
        v.bucket(),
        v.region(),
        v.key(),
        v.endpoint(),
        null,
        null,
        v.format());
  }
}
