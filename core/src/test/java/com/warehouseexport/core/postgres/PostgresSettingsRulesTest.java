package com.warehouseexport.core.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PostgresSettingsRulesTest {

  @Test
  void defaults() {
    PostgresTarget t =
        PostgresSettingsRules.target(
            " db.example.com ", "", "analytics", null, " ", "loader", null);
    assertEquals("db.example.com", t.host());
    assertEquals(5432, t.port());
    assertEquals("public", t.schema());
    assertEquals("company_usage", t.table());
    assertEquals(TlsMode.REQUIRE, t.tlsMode());
    assertEquals("\"public\".\"company_usage\"", t.qualifiedTable());
    assertEquals("postgresql://db.example.com:5432/analytics public.company_usage", t.describe());
  }

  @Test
  void addressesAndModes() {
    PostgresTarget t = PostgresSettingsRules.target("[::1]", "6543", "a", "s", "T", "u", "DISABLE");
    assertEquals("::1", t.host());
    assertEquals(6543, t.port());
    assertEquals(TlsMode.DISABLE, t.tlsMode());
    assertEquals("postgresql://[::1]:6543/a s.T", t.describe());
    assertEquals(
        "127.0.0.1",
        PostgresSettingsRules.target("127.0.0.1", "1", "a", null, null, "u", "require").host());
  }

  @Test
  void eachProblemNamesItsField() {
    assertField("host", null, "5432", "a", "u", null);
    assertField("host", "postgresql://db", "5432", "a", "u", null);
    assertField("host", "db.example.com:5432", "5432", "a", "u", null);
    assertField("host", "bad host", "5432", "a", "u", null);
    assertField("port", "db", "0", "a", "u", null);
    assertField("port", "db", "65536", "a", "u", null);
    assertField("port", "db", "x", "a", "u", null);
    assertField("database", "db", null, " ", "u", null);
    assertField("user", "db", null, "a", null, null);
    assertField("tlsMode", "db", null, "a", "u", "prefer");
    assertField("database", "db", null, "a\u0000b", "u", null);
    InvalidPostgresSettingException e =
        assertThrows(
            InvalidPostgresSettingException.class,
            () -> PostgresSettingsRules.target("db", null, "a", "x".repeat(64), null, "u", null));
    assertEquals("schema", e.field());
  }

  @Test
  void thePasswordIsRequiredOnlyWhenNoneIsStored() {
    assertEquals(
        "field",
        assertThrows(
                InvalidPostgresSettingException.class,
                () -> PostgresSettingsRules.password("", false))
            .field()
            .replace("password", "field"));
    assertNull(PostgresSettingsRules.password(null, true));
    assertEquals("s3cr3t", PostgresSettingsRules.password("s3cr3t", false));
    assertThrows(
        InvalidPostgresSettingException.class, () -> PostgresSettingsRules.password("a\nb", true));
  }

  @Test
  void quoting() {
    assertEquals("\"a\"\"b\"", PostgresSettingsRules.quote("a\"b"));
    assertEquals("'it''s'", PostgresSettingsRules.literal("it's"));
  }

  private static void assertField(
      String field, String host, String port, String database, String user, String tls) {
    InvalidPostgresSettingException e =
        assertThrows(
            InvalidPostgresSettingException.class,
            () -> PostgresSettingsRules.target(host, port, database, null, null, user, tls));
    assertEquals(field, e.field(), e.getMessage());
  }
}
