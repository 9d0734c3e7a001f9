package com.warehouseexport.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.alerts.AlertMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class AlertPayloadTest {

  @Test
  void theWebhookBodyNamesEnvironmentPeriodErrorAndConsoleLink() {
    AlertMessage m =
        new AlertMessage(
            AlertMessage.Kind.PERIOD_FAILED,
            7,
            "prod \"eu\"",
            "Acme",
            "2026-01-02",
            "Uploading to the bucket failed",
            "https://console.example.com/console/environments/data-export.xhtml?env=7",
            "s3");
    JsonObject body =
        Json.createReader(new StringReader(NotificationService.payload(m))).readObject();
    assertEquals("period.failed", body.getString("event"));
    assertEquals(7, body.getJsonObject("environment").getInt("id"));
    assertEquals("prod \"eu\"", body.getJsonObject("environment").getString("name"));
    assertEquals("Acme", body.getString("organization"));
    assertEquals("2026-01-02", body.getString("period"));
    assertEquals("Uploading to the bucket failed", body.getString("error"));
    assertEquals("s3", body.getString("destination"));
    assertTrue(body.getString("consoleUrl").endsWith("env=7"));
    assertEquals(m.subject(), body.getString("subject"));
    assertEquals(m.text(), body.getString("text"));
  }

  @Test
  void aTestMessageHasNullPeriodAndError() {
    AlertMessage m =
        new AlertMessage(AlertMessage.Kind.TEST, 7, "prod", "Acme", null, null, "https://c/x");
    JsonObject body =
        Json.createReader(new StringReader(NotificationService.payload(m))).readObject();
    assertTrue(body.isNull("period"));
    assertTrue(body.isNull("error"));
  }

  @Test
  void noMailWithoutAnSmtpHost() {
    String env = System.getenv("SMTP_HOST");
    boolean fromEnvironment = env != null && !env.isBlank();
    assertEquals(fromEnvironment, AlertSettings.mailConfigured());
    System.setProperty("warehouse.smtp.host", "smtp.example.com");
    try {
      assertTrue(AlertSettings.mailConfigured());
    } finally {
      System.clearProperty("warehouse.smtp.host");
    }
  }

  @Test
  void consoleLinksPointAtTheEnvironmentsAutomaticExport() {
    System.setProperty("warehouse.console-url", "https://console.example.com/");
    try {
      assertEquals(
          "https://console.example.com/console/environments/data-export.xhtml?env=42"
              + "#automatic-export",
          AlertSettings.environmentPage(42));
    } finally {
      System.clearProperty("warehouse.console-url");
    }
  }
}
