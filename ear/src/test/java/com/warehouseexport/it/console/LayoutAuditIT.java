package com.warehouseexport.it.console;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout audit itself ({@link LayoutAudit}): it fails a page whose table is wider than its
 * scroll box (the Actions column of the old history table), a button outside the viewport and text
 * under 11 px, naming each; and passes a page that fits.
 */
class LayoutAuditIT {

  private static ConsoleBrowser browser;

  @BeforeAll
  static void start() {
    browser = ConsoleBrowser.open("LayoutAuditIT");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aTableWiderThanItsBoxTinyTextAndAnOffScreenButtonFailTheAudit() {
    load(
        "<div style=\"width:300px;overflow-x:auto\"><table style=\"width:900px\"><tr><td>Started</td>"
            + "<td style=\"text-align:right\"><button id=\"abandon\">Abandon</button></td></tr></table></div>"
            + "<p style=\"font-size:9px\" id=\"tiny\">Fine print</p>"
            + "<button id=\"far\" style=\"position:relative;left:2000px\">Far away</button>");
    AssertionError failure =
        assertThrows(AssertionError.class, () -> browser.layout("wide-table-page"));
    String message = failure.getMessage();
    assertTrue(message.contains("button#abandon \"Abandon\" is clipped by div"), message);
    assertTrue(message.contains("p#tiny \"Fine print\" is 9.0 px"), message);
    assertTrue(message.contains("button#far \"Far away\" lies outside the viewport"), message);
    assertTrue(message.contains("wide-table-page at 1280 px"), message);
  }

  @Test
  void aShrunkenChartsLabelsAreMeasuredAsDrawn() {
    load(
        "<div style=\"width:200px\"><svg viewBox=\"0 0 1000 100\" width=\"100%\">"
            + "<text id=\"label\" x=\"0\" y=\"50\" style=\"font-size:11px\">May 1</text></svg></div>");
    AssertionError failure = assertThrows(AssertionError.class, () -> browser.layout("chart"));
    assertTrue(
        failure.getMessage().contains("text#label \"May 1\" is 2.2 px"), failure.getMessage());
  }

  @Test
  void aPageThatFitsPasses() {
    load(
        "<div style=\"overflow:hidden\"><p style=\"font-size:14px\">Readable.</p>"
            + "<button>Save</button></div>");
    assertDoesNotThrow(() -> browser.layout("fitting-page"));
  }

  private static void load(String body) {
    String html =
        "<!DOCTYPE html><html lang=\"en\"><head><title>Layout</title></head><body>"
            + body
            + "</body></html>";
    browser.driver.get(
        "data:text/html;charset=utf-8,"
            + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20"));
  }
}
