package com.warehouseexport.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ServerSettings} with system properties (no such environment variables are set here). */
class ServerSettingsTest {

  private static final String ENV = "WAREHOUSE_SERVER_SETTINGS_TEST_UNSET";
  private static final String P = "warehouse.server-settings-test";

  @AfterEach
  void clear() {
    System.clearProperty(P);
    System.clearProperty("warehouse.data.dir");
  }

  @Test
  void valueIsStrippedAndBlankIsUnset() {
    assertNull(ServerSettings.value(ENV, P));
    System.setProperty(P, "  ");
    assertNull(ServerSettings.value(ENV, P));
    System.setProperty(P, " x ");
    assertEquals("x", ServerSettings.value(ENV, P));
    assertEquals(" x ", ServerSettings.secret(ENV, P), "a secret keeps its whitespace");
    assertNull(ServerSettings.secret(ENV, null), "environment only");
  }

  @Test
  void durations() {
    assertEquals(Duration.ofDays(7), ServerSettings.duration(ENV, P, Duration.ofDays(7)));
    System.setProperty(P, "PT30S");
    assertEquals(Duration.ofSeconds(30), ServerSettings.duration(ENV, P, Duration.ZERO));
    System.setProperty(P, "30s");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ServerSettings.duration(ENV, P, null));
    assertTrue(e.getMessage().startsWith(ENV + " must be an ISO-8601 duration"));
  }

  @Test
  void wholeNumbersAndFlagsAsTheJdkReadsThem() {
    assertEquals(5, ServerSettings.integer(P, 5));
    System.setProperty(P, "12");
    assertEquals(12, ServerSettings.integer(P, 5));
    assertEquals(12L, ServerSettings.longValue(P, 5L));
    System.setProperty(P, "twelve");
    assertEquals(5, ServerSettings.integer(P, 5), "malformed: the fallback, as Integer.getInteger");
    assertFalse(ServerSettings.flag(P));
    System.setProperty(P, "TRUE");
    assertTrue(ServerSettings.flag(P));
  }

  @Test
  void dataDirectory() {
    System.setProperty("warehouse.data.dir", "/srv/we");
    assertEquals(Path.of("/srv/we"), ServerSettings.dataDir());
  }
}
