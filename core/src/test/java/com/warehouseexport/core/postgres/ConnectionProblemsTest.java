package com.warehouseexport.core.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class ConnectionProblemsTest {

  private static final PostgresTarget T =
      PostgresSettingsRules.target(
          "db.example.com", "5433", "analytics", null, null, "loader", null);

  @Test
  void eachCauseHasItsField() {
    assertEquals("password", field("28P01", "FATAL: password authentication failed for user"));
    assertEquals("user", field("28000", "no pg_hba.conf entry"));
    assertEquals("database", field("3D000", "database \"analytics\" does not exist"));
    assertEquals("tlsMode", field("08004", "The server does not support SSL."));
    assertEquals("host", field("08001", "Connection to 127.0.0.1:1 refused."));
    assertEquals("host", field(null, null));
    ConnectionProblems.Problem p =
        ConnectionProblems.describe(T, "08001", "Connection refused", false);
    assertEquals(
        "Cannot connect to db.example.com:5433 (connection refused or unreachable): check the host,"
            + " the port and the firewall.",
        p.message());
    assertEquals(
        "The password of user loader was refused by db.example.com:5433.",
        ConnectionProblems.describe(T, "28P01", "x", false).message());
    assertEquals(
        "The server db.example.com:5433 did not answer in time.",
        ConnectionProblems.describe(T, "08006", "x", true).message());
  }

  @Test
  void theDriversMessageIsNotEchoed() {
    String m = ConnectionProblems.describe(T, "XX000", "secret=hunter2", false).message();
    assertFalse(m.contains("hunter2"), m);
  }

  private static String field(String state, String message) {
    return ConnectionProblems.describe(T, state, message, false).field();
  }
}
