package com.warehouseexport.core.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AlertMessageTest {

  private static AlertMessage message(AlertMessage.Kind kind) {
    return new AlertMessage(
        kind,
        42,
        "production",
        "Acme",
        "2026-01-02",
        "Uploading to the bucket failed: access denied",
        "https://console.example.com/console/environments/data-export.xhtml?env=42");
  }

  @Test
  void everyMessageNamesTheEnvironmentPeriodErrorAndConsoleLink() {
    for (AlertMessage.Kind kind : AlertMessage.Kind.values()) {
      AlertMessage m = message(kind);
      String text = m.text();
      assertTrue(m.subject().contains("\"production\" (Acme)"), m.subject());
      assertTrue(text.contains("Environment: production (id 42)"), text);
      assertTrue(text.contains("Period: 2026-01-02"), text);
      assertTrue(text.contains("Error: Uploading to the bucket failed: access denied"), text);
      assertTrue(text.contains("Console: https://console.example.com/console/environments/"), text);
    }
  }

  @Test
  void subjectsSayWhatHappened() {
    assertTrue(message(AlertMessage.Kind.PERIOD_FAILED).subject().endsWith("failed for good"));
    assertTrue(message(AlertMessage.Kind.AUTO_PAUSED).subject().endsWith("is paused"));
    assertTrue(message(AlertMessage.Kind.RECOVERED).subject().contains("recovered"));
    assertEquals(AlertMessage.Kind.AUTO_PAUSED, AlertMessage.Kind.fromId("export.paused"));
  }
}
