package com.warehouseexport.core.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  void aMessageAboutATableNamesTheTable() {
    // An environment may have a bucket and a table (PRODUCT.md §11): alerts say which one.
    AlertMessage failed =
        new AlertMessage(
            AlertMessage.Kind.PERIOD_FAILED,
            42,
            "production",
            "Acme",
            "2026-01-02",
            "The user loader lacks INSERT",
            "https://c/x",
            "postgresql");
    assertTrue(
        failed.subject().endsWith("failed for good to the PostgreSQL table"), failed.subject());
    assertTrue(failed.text().contains("Fix the settings of the PostgreSQL table"), failed.text());
    assertTrue(failed.text().contains("\nDestination: PostgreSQL table\n"), failed.text());
    AlertMessage recovered =
        new AlertMessage(
            AlertMessage.Kind.RECOVERED, 42, "p", "Acme", "2026-01-03", null, "https://c/x", "s3");
    assertTrue(recovered.subject().contains("to the bucket recovered"), recovered.subject());
    assertTrue(recovered.text().contains("landed in the bucket"), recovered.text());
    assertFalse(message(AlertMessage.Kind.TEST).text().contains("Destination:"));
  }

  @Test
  void subjectsSayWhatHappened() {
    assertTrue(message(AlertMessage.Kind.PERIOD_FAILED).subject().endsWith("failed for good"));
    assertTrue(message(AlertMessage.Kind.AUTO_PAUSED).subject().endsWith("is paused"));
    assertTrue(message(AlertMessage.Kind.RECOVERED).subject().contains("recovered"));
    assertEquals(AlertMessage.Kind.AUTO_PAUSED, AlertMessage.Kind.fromId("export.paused"));
  }
}
