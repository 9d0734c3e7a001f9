package com.warehouseexport.export.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.schedule.Cadence;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A switch of one destination re-saves exactly its stored settings, keeping the secrets stored. */
class DestinationSwitchTest {

  private static final LocalDate FIRST = LocalDate.parse("2026-12-01");
  private static final DestinationSchedule BUCKET =
      new DestinationSchedule("s3", false, Cadence.WEEKLY, FIRST);
  private static final DestinationSchedule TABLE =
      new DestinationSchedule("postgresql", true, Cadence.DAILY, FIRST);
  private static final SettingsView BOTH =
      new SettingsView(
          true,
          true,
          "daily",
          "CUSTOM",
          null,
          "exports",
          "us-east-1",
          "usage",
          "http://127.0.0.1:9000",
          "…XY",
          true,
          "csv.gz",
          "postgresql",
          new PostgresView(
              "db.example.com", 6432, "w", "analytics", "company_usage", "loader", true, "require"),
          List.of(BUCKET, TABLE));

  @Test
  void switchingTheBucketOnResavesItsLocationWithTheStoredKeys() {
    SettingsInput in = DestinationSwitch.input(BOTH, BUCKET, true);
    assertTrue(in.enabled());
    assertEquals("weekly", in.cadence(), "the bucket's own cadence, not the table's");
    assertEquals("CUSTOM", in.provider());
    assertEquals("exports", in.bucket());
    assertEquals("usage", in.key());
    assertEquals("http://127.0.0.1:9000", in.endpoint());
    assertEquals("csv.gz", in.format());
    assertNull(in.accessKeyId(), "blank: keep the stored key");
    assertNull(in.secretAccessKey(), "blank: keep the stored secret");
    assertNull(in.postgres(), "a bucket save");
  }

  @Test
  void switchingTheTableOffResavesItsTargetWithTheStoredPassword() {
    SettingsInput in = DestinationSwitch.input(BOTH, TABLE, false);
    assertFalse(in.enabled());
    assertEquals("daily", in.cadence());
    PostgresInput pg = in.postgres();
    assertEquals("db.example.com", pg.host());
    assertEquals("6432", pg.port());
    assertEquals("analytics", pg.schema());
    assertEquals("loader", pg.user());
    assertEquals("require", pg.tlsMode());
    assertNull(pg.password(), "blank: the stored password for the same host and user");
  }
}
