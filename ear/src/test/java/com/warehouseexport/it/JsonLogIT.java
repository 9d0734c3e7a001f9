package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code LOG_FORMAT=json}: a server of its own (port offset 1560, H2) whose console prints one JSON
 * object per line once the logging subsystem runs, and whose export lines carry the MDC. The same
 * server runs without any SMTP setting (unlike the integration server), so it also shows that
 * e-mail alerts are refused, with a reason, while the operator has not configured SMTP.
 */
class JsonLogIT {

  @Test
  void theConsoleIsOneJsonObjectPerLineAndExportLinesCarryTheirContext() throws Exception {
    Path target = Path.of(System.getProperty("ear.file")).getParent();
    try (ServerProcess server = ServerProcess.fresh("json-log", 1560, target, "json-log-data")) {
      server.env("LOG_FORMAT", "json");
      server.start();
      Api api = new Api(server.url());
      Api.Tenant tenant = api.newTenant("Json log", "ENTERPRISE");
      api.ingestOneCompany(tenant, LocalDate.now(ZoneOffset.UTC), 5, 2);
      long execution = api.startExport(tenant.environmentId(), "{\"aggregation\":\"snapshot\"}");
      assertEquals("COMPLETED", api.awaitExport(execution).getString("status"));

      // no SMTP_HOST on this node: e-mail is unavailable and an e-mail target is refused
      String targets = "/api/v1/environments/" + tenant.environmentId() + "/notification-targets";
      Api.Answer listed = api.asOperator("GET", targets, null);
      assertEquals(200, listed.status(), listed.body());
      assertEquals(false, listed.json().getBoolean("emailAvailable"), listed.body());
      Api.Answer mail =
          api.asOperator("POST", targets, "{\"type\":\"email\",\"addresses\":[\"a@example.com\"]}");
      assertEquals(422, mail.status(), mail.body());
      assertTrue(mail.body().contains("outgoing mail"), mail.body());
      assertFalse(mail.body().contains("SMTP_HOST"), "no setting names in answers: " + mail.body());
      assertEquals(
          0,
          api.asOperator("GET", targets, null).json().getJsonArray("items").size(),
          "nothing stored");

      Path console = server.baseDir().getParent().resolve("console.log");
      // the "ended" line is written by the job listener, a moment after the status turned final
      String ended = "Export execution " + execution + " ended";
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
      while (!Files.readString(console, StandardCharsets.UTF_8).contains(ended)
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);
      List<JsonObject> records = new ArrayList<>();
      boolean json = false;
      for (String line : lines) {
        if (line.startsWith("{\"timestamp\"")) {
          json = true;
        }
        if (!json || line.isBlank()) {
          continue; // the start script's banner and the first boot lines come before the subsystem
        }
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
          records.add(reader.readObject());
        } catch (JsonParsingException e) {
          throw new AssertionError("not a JSON object: " + line, e);
        }
      }
      assertTrue(records.size() > 20, "JSON lines: " + records.size());
      List<JsonObject> exportLines =
          records.stream()
              .filter(
                  r -> r.getString("message", "").contains("Export execution " + execution + " "))
              .toList();
      assertTrue(exportLines.size() >= 2, "started and ended: " + exportLines);
      for (JsonObject r : exportLines) {
        JsonObject mdc = r.getJsonObject("mdc");
        assertEquals(
            Long.toString(tenant.environmentId()), mdc.getString("environmentId"), r.toString());
        assertEquals(Long.toString(execution), mdc.getString("executionId"), r.toString());
        assertTrue(r.containsKey("level") && r.containsKey("loggerName"), r.toString());
      }
    }
  }
}
