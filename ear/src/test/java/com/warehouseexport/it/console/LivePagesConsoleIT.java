package com.warehouseexport.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.s3.S3ProxyProcess;
import com.warehouseexport.it.Api;
import com.warehouseexport.it.Deployments;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Pages that update themselves while something runs (PRODUCT.md §12): the history shows a running
 * export finish without a reload, keeps the scroll position, announces the change in a polite live
 * region and stops polling once nothing runs; after a manual export on the Data export page the
 * download options are usable again without a reload; after a backfill the automatic export's
 * status block follows its period — retried, then failed for good — without a reload, though no
 * export runs while a retry waits.
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
    driver = browser.signedOut(base);
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
    browser.signIn(base, admin);
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 500));
    driver.get(url("console/environments/history.xhtml?env=" + env));
    waitFor(By.cssSelector("tr.history-row[data-execution='" + execution + "']"));
    assertEquals("running", waitFor(By.id("history:live")).getAttribute("data-live-state"));
    browser.audit("history (export running)");
    driver.executeScript("window.livePagesMarker = 'not reloaded'; window.scrollTo(0, 120);");
    long scrolled = ((Number) driver.executeScript("return window.scrollY;")).longValue();
    browser.awaitText(
        By.cssSelector("tr.history-row[data-execution='" + execution + "'] .badge"),
        "Completed",
        Duration.ofSeconds(90));
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
    browser.assertNoMoreRefreshRequests("no refresh once nothing runs");
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
    browser.signIn(base, admin);
    driver.get(url("console/environments/data-export.xhtml?env=" + env));
    waitFor(By.id("manual:download")).click();
    browser.awaitAttribute(
        By.id("manual:status"), "data-export-state", "complete", Duration.ofSeconds(90));
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

  @Test
  void theStatusBlockFollowsABackfillWithoutAReload() throws Exception {
    Admin admin = Admin.create(api, "ENTERPRISE");
    long env = admin.tenant().environmentId();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    api.ingestOneCompany(admin.tenant(), today, 10, 6);
    Path basedir = Files.createTempDirectory("s3-live-pages-console-");
    S3ProxyProcess bucket =
        S3ProxyProcess.start(
            "live-pages-console-key",
            "live-pages-console-secret",
            S3ProxyProcess.freePort(),
            basedir);
    try {
      bucket.createBucket("live-pages-console");
      assertEquals(
          200,
          api.saveBucketSettings(
                  env,
                  bucket.endpoint(),
                  "live-pages-console",
                  "l",
                  "live-pages-console-key",
                  "live-pages-console-secret")
              .status());
      // The bucket is gone: a backfilled period is retried (the test server's PT40S horizon), then
      // fails for good; between attempts nothing runs, yet the status changes.
      Files.delete(basedir.resolve("live-pages-console"));
      LocalDate old = today.minusDays(6);
      Api.Answer backfill =
          api.send(
              "POST",
              "/api/v1/environments/" + env + "/export-settings/backfill",
              "{\"from\":\"" + old + "\",\"to\":\"" + old + "\"}",
              Api.basic(admin.username(), admin.password()));
      assertEquals(202, backfill.status(), backfill.body());
      browser.signIn(base, admin);
      driver.get(url("console/environments/data-export.xhtml?env=" + env));
      WebElement block = waitFor(By.id("automatic:status-block"));
      assertEquals("running", block.getAttribute("data-live-state"), "a period is pending");
      assertTrue(
          driver.findElements(By.id("auto-failed")).isEmpty()
              || !driver.findElement(By.id("auto-failed")).getText().contains(old.toString()),
          "not failed for good yet");
      driver.executeScript("window.livePagesMarker = 'not reloaded';");
      browser.await(
          Duration.ofSeconds(180),
          d -> d.findElement(By.id("auto-failed")).getText().contains(old.toString()));
      assertEquals("not reloaded", driver.executeScript("return window.livePagesMarker;"));
      assertEquals("failed", driver.findElement(By.id("auto-status")).getText().strip());
      assertTrue(
          !driver.findElement(By.id("auto-last-run")).getText().isBlank(), "a last export shown");
      browser.audit("data export (status after a backfill failed for good)");
    } finally {
      bucket.close();
    }
  }

  private WebElement waitFor(By by) {
    return browser.waitFor(by);
  }

  private String url(String path) {
    return ConsoleBrowser.url(base, path);
  }
}
