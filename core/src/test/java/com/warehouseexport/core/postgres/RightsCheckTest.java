package com.warehouseexport.core.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RightsCheckTest {

  private static final PostgresTarget T =
      PostgresSettingsRules.target("db", null, "analytics", null, null, "loader", null);

  @Test
  void aNewTableNeedsCreateOnTheSchema() {
    assertTrue(decide(true, true, false, true, false, false, false, null).ok());
    RightsCheck.Result r = decide(true, true, false, false, false, false, false, null);
    assertEquals("user", r.field());
    assertEquals(
        List.of("CREATE on schema public (to create the table public.company_usage)"), r.missing());
    assertTrue(
        r.message().startsWith("The user loader lacks CREATE on schema public"), r.message());
  }

  @Test
  void anExistingTableNeedsInsertDeleteAndSelect() {
    assertTrue(decide(true, true, true, false, true, true, true, null).ok());
    RightsCheck.Result r = decide(true, true, true, false, false, true, true, null);
    assertEquals(List.of("INSERT on table public.company_usage"), r.missing());
    r = decide(true, true, true, false, true, false, false, null);
    assertEquals(
        "The user loader lacks DELETE on table public.company_usage and SELECT on table"
            + " public.company_usage: grant them, or use a user that has them.",
        r.message());
  }

  @Test
  void schemaAndColumnsComeFirst() {
    RightsCheck.Result r = decide(false, false, false, false, false, false, false, null);
    assertEquals("schema", r.field());
    assertEquals("The schema public does not exist in database analytics.", r.message());
    r = decide(true, false, true, false, true, true, true, null);
    assertEquals(List.of("USAGE on schema public"), r.missing());
    r = decide(true, true, true, false, false, false, false, "The table exists with other columns");
    assertEquals("table", r.field());
    assertEquals("The table exists with other columns", r.message());
  }

  private static RightsCheck.Result decide(
      boolean schema,
      boolean usage,
      boolean table,
      boolean create,
      boolean insert,
      boolean delete,
      boolean select,
      String mismatch) {
    return RightsCheck.decide(
        T, new RightsCheck.Facts(schema, usage, table, create, insert, delete, select, mismatch));
  }
}
