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
 * The accessibility audit itself, on two tiny static pages (no server): it fails on low-contrast
 * text and names the rule, and passes a page without serious or critical violations.
 */
class AxeIT {

  private static ConsoleBrowser browser;

  @BeforeAll
  static void start() {
    browser = ConsoleBrowser.open("AxeIT");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void lowContrastTextFailsTheAuditNamingTheRule() {
    load(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Low contrast</title></head>"
            + "<body style=\"background:#fff\"><main><h1>Audit</h1>"
            + "<p id=\"faint\" style=\"color:#bbb\">This text is too faint to read.</p>"
            + "</main></body></html>");
    AssertionError failure = assertThrows(AssertionError.class, () -> browser.audit("faint-page"));
    String message = failure.getMessage();
    assertTrue(message.contains("color-contrast"), message);
    assertTrue(message.contains("[serious]"), message);
    assertTrue(message.contains("#faint"), "names the element: " + message);
    assertTrue(message.contains("faint-page"), "names the page: " + message);
  }

  @Test
  void aPageWithoutSeriousViolationsPasses() {
    load(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Fine</title></head>"
            + "<body style=\"background:#fff;color:#172033\"><main><h1>Audit</h1>"
            + "<p>Readable text.</p><label for=\"q\">Query</label><input id=\"q\" type=\"text\">"
            + "</main></body></html>");
    assertDoesNotThrow(() -> browser.audit("fine-page"));
  }

  private static void load(String html) {
    browser.driver.get(
        "data:text/html;charset=utf-8,"
            + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20"));
  }
}
