package com.warehouseexport.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.it.Api;
import com.warehouseexport.it.Deployments;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Pages that update themselves while something runs (PRODUCT.md §12): the history shows a running
 * export finish without a reload, keeps the scroll position, announces the change in a polite live
 * region and stops polling once nothing runs; after a manual export on the Data export page the
 * download options are usable again without a reload.
 */
@ExtendWith(ArquillianExtension.class)
class LivePagesConsoleIT {

  private static ConsoleBrowser browser;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;
  private ChromeDriver driver;

  @BeforeAll
  static void start() {
    browser = ConsoleBrowser.open("LivePagesConsoleIT");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void setUp() {
    api = new Api(base);
    driver = browser.driver;
    driver.manage().window().setSize(ConsoleBrowser.WIDE);
    driver.get(url("index.html"));
    driver.manage().deleteAllCookies();
  }

  @Test
  void theHistoryFollowsARunningExportWithoutAReload() {
    Admin admin = Admin.create(api, "PRO");
    long env = admin.tenant().environmentId();
    api.ingestOneCompany(admin.tenant(), LocalDate.now(ZoneOffset.UTC), 10, 3);
    long execution =
        api.startExport(
            env,
            "{\"aggregation\":\"30-days-daily\",\"chunkCompanies\":1,\"pausePerCompanyMillis\":15000}");
    browser.signIn(base, admin.username(), admin.password());
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 500));
    driver.get(url("console/environments/history.xhtml?env=" + env));
    waitFor(By.cssSelector("tr.history-row[data-execution='" + execution + "']"));
    assertEquals("running", waitFor(By.id("history:live")).getAttribute("data-live-state"));
    browser.audit("history (export running)");
    driver.executeScript("window.livePagesMarker = 'not reloaded'; window.scrollTo(0, 120);");
    long scrolled = ((Number) driver.executeScript("return window.scrollY;")).longValue();
    browser
        .waiting(Duration.ofSeconds(90))
        .until(
            d -> {
              try {
                return status(execution).equals("Completed") ? true : null;
              } catch (StaleElementReferenceException e) {
                return null;
              }
            });
    assertEquals("not reloaded", driver.executeScript("return window.livePagesMarker;"));
    assertEquals(
        scrolled, ((Number) driver.executeScript("return window.scrollY;")).longValue(), "scroll");
    assertEquals("idle", driver.findElement(By.id("history:live")).getAttribute("data-live-state"));
    WebElement announcer = driver.findElement(By.id("live-announcer"));
    assertEquals("polite", announcer.getAttribute("aria-live"));
    browser
        .waiting(Duration.ofSeconds(10))
        .until(d -> announcer.getAttribute("textContent").contains("No export is running"));
    // Nothing runs: no further refresh is scheduled.
    driver.executeScript(
        "window.livePagesRequests = 0; faces.ajax.addOnEvent(function (data) {"
            + " if (data.status === 'begin') { window.livePagesRequests++; } });");
    sleep(7_000);
    assertEquals(
        0L, ((Number) driver.executeScript("return window.livePagesRequests;")).longValue());
    assertTrue(
        driver
                .findElement(By.cssSelector("tr.history-row[data-execution='" + execution + "']"))
                .findElements(By.cssSelector("a.download"))
                .size()
            == 1,
        "a finished download shows its Download link");
    browser.audit("history (export finished while watching)");
  }

  @Test
  void theDownloadOptionsAreUsableAgainAfterAnExport() {
    Admin admin = Admin.create(api, "PRO");
    long env = admin.tenant().environmentId();
    api.ingestOneCompany(admin.tenant(), LocalDate.now(ZoneOffset.UTC), 10, 3);
    browser.signIn(base, admin.username(), admin.password());
    driver.get(url("console/environments/data-export.xhtml?env=" + env));
    waitFor(By.id("manual:download")).click();
    browser
        .waiting(Duration.ofSeconds(90))
        .until(
            d -> {
              try {
                return "complete"
                        .equals(
                            d.findElement(By.id("manual:status")).getAttribute("data-export-state"))
                    ? true
                    : null;
              } catch (StaleElementReferenceException e) {
                return null;
              }
            });
    for (String id : new String[] {"manual:download", "manual:spreadsheet-safe"}) {
      assertNull(driver.findElement(By.id(id)).getAttribute("disabled"), id + " is usable again");
    }
    assertTrue(
        driver.findElements(By.cssSelector("#manual\\:file-format input[disabled]")).isEmpty(),
        "the file formats are usable again");
    assertTrue(
        driver.findElements(By.cssSelector("#manual\\:aggregation input[disabled]")).isEmpty(),
        "the aggregations are usable again");
  }

  private String status(long execution) {
    return driver
        .findElement(By.cssSelector("tr.history-row[data-execution='" + execution + "'] .badge"))
        .getText();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private WebElement waitFor(By by) {
    return browser.waitFor(by);
  }

  private String url(String path) {
    return ConsoleBrowser.url(base, path);
  }
}
