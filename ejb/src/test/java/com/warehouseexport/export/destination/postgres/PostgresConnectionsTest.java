package com.warehouseexport.export.destination.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.net.EndpointGuard;
import com.warehouseexport.core.postgres.PostgresSettingsRules;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSRF guard decides on the addresses resolved once, before any connection is attempted. */
class PostgresConnectionsTest {

  private static final String PASSWORD = "pg-secret-never-in-a-message";

  @Test
  void aNameResolvingToAnInternalAddressIsRefusedWithoutConnecting() throws Exception {
    List<String> resolved = new ArrayList<>();
    PostgresConnections connections =
        new PostgresConnections(
            EndpointGuard.fromConfig(""),
            host -> {
              resolved.add(host);
              return List.of(InetAddress.getByName("10.0.0.5"));
            },
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    PostgresAccessException e =
        assertThrows(
            PostgresAccessException.class, () -> connections.open(settings("db.customer.example")));
    assertEquals("host", e.field());
    assertTrue(
        e.getMessage().contains("10.0.0.5") && e.getMessage().contains("private"), e.getMessage());
    assertFalse(e.getMessage().contains(PASSWORD));
    assertEquals(List.of("db.customer.example"), resolved, "resolved exactly once");
  }

  @Test
  void anInternalAddressLiteralIsRefusedWithoutResolving() {
    PostgresConnections connections =
        new PostgresConnections(
            EndpointGuard.fromConfig("127.0.0.1/32"),
            host -> {
              throw new AssertionError("no DNS for a literal");
            },
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    PostgresAccessException e =
        assertThrows(
            PostgresAccessException.class, () -> connections.open(settings("169.254.169.254")));
    assertEquals("host", e.field());
    assertTrue(e.getMessage().contains("link-local"), e.getMessage());
  }

  @Test
  void anUnresolvableNameIsRefused() {
    PostgresConnections connections =
        new PostgresConnections(
            EndpointGuard.fromConfig(""),
            host -> {
              throw new java.net.UnknownHostException(host);
            },
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    PostgresAccessException e =
        assertThrows(
            PostgresAccessException.class, () -> connections.open(settings("nowhere.invalid")));
    assertTrue(e.getMessage().contains("could not be resolved"), e.getMessage());
  }

  @Test
  void settingsNeverPrintThePassword() {
    assertFalse(settings("db").toString().contains(PASSWORD));
  }

  private static PostgresDestinationSettings settings(String host) {
    return new PostgresDestinationSettings(
        PostgresSettingsRules.target(host, null, "analytics", null, null, "loader", "require"),
        PASSWORD);
  }
}
