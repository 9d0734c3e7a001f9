package com.warehouseexport.api.v1;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.errors.RejectedValueException;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.automatic.TickReport;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemResourceTest {

  private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

  @Test
  void aTickInTheFutureIsRefusedNamingNow() {
    RejectedValueException e =
        assertThrows(
            RejectedValueException.class,
            () -> SystemResource.requireNotFuture(NOW.plusSeconds(1), NOW, false));
    assertEquals("now", e.field());
  }

  @Test
  void thePastAndThePresentAreFine() {
    assertDoesNotThrow(() -> SystemResource.requireNotFuture(NOW, NOW, false));
    assertDoesNotThrow(() -> SystemResource.requireNotFuture(NOW.minusSeconds(86_400), NOW, false));
  }

  @Test
  void faultInjectionMaySimulateTheFuture() {
    assertDoesNotThrow(() -> SystemResource.requireNotFuture(NOW.plusSeconds(86_400), NOW, true));
  }

  @Test
  void aTickReportIsTypedJson() {
    PeriodId day = new PeriodId(7, "s3", Cadence.DAILY, LocalDate.parse("2026-12-01"));
    TickReport report =
        new TickReport(
            "node-a",
            List.of(new TickReport.Start(day, 41, TickReport.StartReason.DUE)),
            List.of(new TickReport.Start(day, 42, TickReport.StartReason.UNSTARTED_CLAIM)),
            List.of(
                new TickReport.Refusal(8, TickReport.RefusalReason.PLAN, "PRO"),
                new TickReport.Refusal(9, TickReport.RefusalReason.AUTO_PAUSED, null)),
            3,
            true);
    JsonObject json = SystemResource.json(report);
    assertEquals("node-a", json.getString("node"));
    JsonObject started = json.getJsonArray("started").getJsonObject(0);
    assertEquals(7, started.getJsonNumber("environmentId").longValue());
    assertEquals("daily", started.getString("cadence"));
    assertEquals("2026-12-01", started.getString("period"));
    assertEquals(41, started.getJsonNumber("executionId").longValue());
    assertEquals("due", started.getString("reason"));
    assertEquals(
        "unstarted-claim", json.getJsonArray("restarted").getJsonObject(0).getString("reason"));
    JsonObject plan = json.getJsonArray("refused").getJsonObject(0);
    assertEquals(8, plan.getJsonNumber("environmentId").longValue());
    assertEquals("plan", plan.getString("reason"));
    assertEquals("PRO", plan.getString("detail"));
    JsonObject paused = json.getJsonArray("refused").getJsonObject(1);
    assertEquals("auto-paused", paused.getString("reason"));
    assertFalse(paused.containsKey("detail"));
    assertEquals(3, json.getInt("queued"));
    assertTrue(json.getBoolean("busy"));
  }
}
