package com.warehouseexport.it.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.s3.S3ProxyProcess;
import com.warehouseexport.it.Api;
import com.warehouseexport.it.Deployments;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
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
 * The page of one run (PRODUCT.md §12) in a real browser: a backfilled period whose bucket is gone
 * fails, the delivery calendar turns "failed for good" without a reload, its cell opens the run
 * page with the error; with the bucket back, "Re-export this period" (an org admin) lands the
 * period through its claim and the new run's page lists both attempts — the first with its error —
 * and turns Completed without a reload; re-exporting again lands again. A finished manual download
 * is linked from the history with a Download link and downloads again, the same bytes, from its run
 * page. A running download is stopped from its run page (Stopped without a reload, then no further
 * refresh request) and restarted: the new attempt's page follows it to Completed, lists both
 * attempts and stops refreshing; Queued (the execution's creation in the job repository) is never
 * after Started. Another organization's run is "Not found", whichever environment the address
 * names.
 */
@ExtendWith(ArquillianExtension.class)
class RunPageConsoleIT {

  private static final String ACCESS_KEY = "run-page-console-key";
  private static final String SECRET = "run-page-console-secret";
  private static final String BUCKET = "run-page-console";

  /** How the run page writes a time: to the second, in UTC. */
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

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
    browser = ConsoleBrowser.open("RunPageConsoleIT");
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
  void aFailedPeriodIsReExportedFromItsRunPageAndListsBothAttempts() throws Exception {
    Admin admin = Admin.create(api, "ENTERPRISE");
    long env = admin.tenant().environmentId();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    api.ingestOneCompany(admin.tenant(), today, 10, 6);
    Path basedir = Files.createTempDirectory("s3-run-page-console-");
    S3ProxyProcess bucket =
        S3ProxyProcess.start(ACCESS_KEY, SECRET, S3ProxyProcess.freePort(), basedir);
    try {
      bucket.createBucket(BUCKET);
      assertEquals(
          200,
          api.saveBucketSettings(env, bucket.endpoint(), BUCKET, "r", ACCESS_KEY, SECRET).status());
      browser.signIn(base, admin);

      // The bucket is gone: a backfilled period more than 48 h past due fails for good at once.
      Files.delete(basedir.resolve(BUCKET));
      LocalDate old = today.minusDays(6);
      Api.Answer backfill =
          api.send(
              "POST",
              "/api/v1/environments/" + env + "/export-settings/backfill",
              "{\"from\":\"" + old + "\",\"to\":\"" + old + "\"}",
              Api.basic(admin.username(), admin.password()));
      assertEquals(202, backfill.status(), backfill.body());
      driver.get(url("console/environments/deliveries.xhtml?env=" + env));
      waitFor(By.id("calendar-grid"));
      // The calendar follows the period by itself: no reload in this loop.
      String reloadMarker = browser.markPage();
      // (a backfilled period is retried for the test server's PT40S horizon before it fails)
      browser.await(
          Duration.ofSeconds(180),
          Duration.ofMillis(500),
          () -> "failed for good: " + state(old),
          d -> "failed".equals(state(old)));
      browser.assertNotReloaded(reloadMarker, "the calendar changed without a reload");
      WebElement link = cell(old).findElement(By.tagName("a"));
      String href = link.getAttribute("href");
      assertTrue(href.contains("run.xhtml?env=" + env + "&id="), href);
      long failed = Long.parseLong(href.substring(href.indexOf("id=") + 3));
      link.click();

      waitFor(By.id("run-facts"));
      assertEquals("Export #" + failed, driver.findElement(By.cssSelector("main h1")).getText());
      assertEquals("Failed", text("run-status"));
      assertEquals(old.toString(), text("run-period"));
      assertTrue(
          text("run-destination").startsWith("s3://" + BUCKET + "/"), text("run-destination"));
      // The cell names the period's last attempt: the backfill's, or an automatic retry of it.
      assertTrue(
          text("run-started-by").equals("backfill by " + admin.username())
              || text("run-started-by").startsWith("automatic retry (attempt "),
          text("run-started-by"));
      assertFalse(text("run-error").isBlank());
      assertFalse(driver.getPageSource().contains("unstarted claim"));
      browser.screenshots("run-page-failed");
      browser.audit("run page (failed period)");

      // The bucket is back: an org admin re-exports the period; it lands through its claim.
      bucket.createBucket(BUCKET);
      waitFor(By.id("run:re-export")).click();
      long second = awaitRunPageOtherThan(failed, env);
      assertTrue(
          waitFor(By.cssSelector("#run\\:messages .info")).getText().contains("exported again"),
          driver.findElement(By.id("run:messages")).getText());
      awaitStatus("Completed");
      List<WebElement> attempts = driver.findElements(By.cssSelector("tr.attempt-row"));
      int tried = attempts.size();
      assertTrue(tried >= 2, "the failed attempts and the re-export: " + tried);
      assertTrue(attempts.get(0).getText().contains("Failed"), attempts.get(0).getText());
      assertTrue(
          attempts.get(0).getText().contains("backfill by " + admin.username()),
          attempts.get(0).getText());
      assertEquals(String.valueOf(failed), attempts.get(tried - 2).getAttribute("data-execution"));
      WebElement last = attempts.get(tried - 1);
      assertEquals(String.valueOf(second), last.getAttribute("data-execution"));
      assertTrue(last.getAttribute("class").contains("current"));
      assertTrue(last.getText().contains("Completed"), last.getText());
      assertTrue(last.getText().contains("re-export by " + admin.username()), last.getText());
      List<WebElement> errors = driver.findElements(By.cssSelector("tr.attempt-error"));
      assertEquals(tried - 1, errors.size(), "every failed attempt shows its error");
      assertTrue(errors.get(0).getText().contains("bucket"), errors.get(0).getText());
      assertTrue(text("run-checksum").matches("SHA-256 [0-9a-f]{64}"), text("run-checksum"));
      assertTrue(text("run-destination").contains(old.toString()), text("run-destination"));
      assertTrue(
          Files.walk(basedir.resolve(BUCKET)).anyMatch(p -> p.toString().contains(old.toString())),
          "the object landed in the bucket");
      browser.screenshots("run-page-re-exported");
      browser.audit("run page (re-exported, two attempts)");
      browser.assertAddressSurvives("env=" + env);
      assertTrue(driver.getCurrentUrl().contains("id=" + second), driver.getCurrentUrl());

      // Re-exporting a landed period lands it again, as a third attempt.
      waitFor(By.id("run:re-export")).click();
      long third = awaitRunPageOtherThan(second, env);
      awaitStatus("Completed");
      assertEquals(tried + 1, driver.findElements(By.cssSelector("tr.attempt-row")).size());
      assertTrue(third > second);
    } finally {
      bucket.close();
    }
  }

  @Test
  void aFinishedDownloadDownloadsAgainFromItsRunPage() throws Exception {
    Admin admin = Admin.create(api, "PRO");
    long env = admin.tenant().environmentId();
    api.ingestOneCompany(admin.tenant(), LocalDate.now(ZoneOffset.UTC), 10, 3);
    long execution = api.startExport(env, "{\"aggregation\":\"30-days-daily\"}");
    assertEquals("COMPLETED", api.awaitExport(execution).getString("status"));
    byte[] expected = api.downloadCsv(execution);

    browser.signIn(base, admin);
    driver.get(url("console/environments/history.xhtml?env=" + env));
    WebElement row = waitFor(By.cssSelector("tr.history-row[data-execution='" + execution + "']"));
    WebElement download = row.findElement(By.cssSelector("a.download"));
    assertTrue(
        download.getAttribute("href").endsWith("/console/exports/download?execution=" + execution),
        download.getAttribute("href"));
    browser.audit("history (download link)");
    row.findElement(By.cssSelector("a.run-link")).click();

    waitFor(By.id("run-facts"));
    assertEquals("Completed", text("run-status"));
    assertEquals("manual download by " + Api.OPERATOR, text("run-started-by"));
    assertEquals("Download from this console", text("run-destination"));
    assertTrue(text("run-retention").startsWith("Kept until "), text("run-retention"));
    assertTrue(driver.findElements(By.id("run:re-export")).isEmpty(), "no re-export of a download");
    browser.screenshots("run-page-download");
    browser.audit("run page (download)");
    driver.findElement(By.id("run-download")).click();
    browser.await(
        Duration.ofSeconds(30),
        Duration.ofMillis(200),
        () -> "the download finished",
        d -> !browser.finishedDownloads().isEmpty());
    Path file = browser.finishedDownloads().get(browser.finishedDownloads().size() - 1);
    assertArrayEquals(expected, Files.readAllBytes(file), "the same bytes as the first download");
  }

  @Test
  void aRunningDownloadIsStoppedAndRestartedFromItsRunPage() throws Exception {
    Admin admin = Admin.create(api, "PRO");
    long env = admin.tenant().environmentId();
    api.ingestOneCompany(admin.tenant(), LocalDate.now(ZoneOffset.UTC), 10, 3);
    long slow =
        api.startExport(
            env,
            "{\"aggregation\":\"30-days-daily\",\"chunkCompanies\":1,\"pausePerCompanyMillis\":15000}");
    browser.signIn(base, admin);
    driver.get(url("console/environments/run.xhtml?env=" + env + "&id=" + slow));
    waitFor(By.id("run-facts"));
    assertEquals("running", liveState());
    assertTrue(List.of("Starting", "Started").contains(text("run-status")), text("run-status"));
    // Queued is the execution's creation in the job repository, Started its start: never earlier.
    Instant queued = shownInstant("run-queued");
    assertTrue(queued != null, "queued time shown: " + text("run-queued"));
    Instant started = shownInstant("run-started");
    assertTrue(started == null || !started.isBefore(queued), queued + " / " + started);
    assertEquals("not yet", text("run-ended"));
    assertTrue(driver.findElements(By.id("run:restart")).isEmpty(), "no restart while it runs");
    browser.screenshots("run-page-running");
    browser.audit("run page (download running)");

    // Stop (no confirmation: a stopped download can be restarted); the page follows it to Stopped.
    waitFor(By.id("run:stop")).click();
    // The note is part of the live block: it says "stopping" while the export still runs …
    assertEquals(
        "Export " + slow + " is stopping: it ends after its current chunk and can be restarted.",
        waitFor(By.id("run-stopping")).getText());
    assertFalse(
        driver.findElement(By.id("run:messages")).getText().contains("is stopping"),
        "not a one-shot message that outlives the stop");
    String marker = browser.markPage();
    awaitStatus("Stopped");
    browser.assertNotReloaded(marker, "stopped without a reload");
    // … and is gone once it has stopped: the status says how it ended.
    assertTrue(driver.findElements(By.id("run-stopping")).isEmpty(), "no 'stopping' once stopped");
    assertFalse(driver.findElement(By.tagName("main")).getText().contains("is stopping"));
    assertEquals("idle", liveState());
    assertFalse(text("run-ended").equals("not yet"), "an end time once stopped");
    assertTrue(driver.findElements(By.id("run:stop")).isEmpty(), "no Stop once stopped");
    assertNoMorePolling();
    assertEquals("STOPPED", api.awaitExport(slow).getString("status"));
    browser.screenshots("run-page-stopped");
    browser.audit("run page (download stopped)");

    // Restart: the page of the new attempt follows it to Completed, lists both attempts, then
    // rests.
    waitFor(By.id("run:restart")).click();
    long restarted = awaitRunPageOtherThan(slow, env);
    assertTrue(
        waitFor(By.cssSelector("#run\\:messages .info")).getText().contains("was restarted"),
        driver.findElement(By.id("run:messages")).getText());
    String restartMarker = browser.markPage();
    awaitStatus("Completed");
    browser.assertNotReloaded(restartMarker, "completed without a reload");
    assertEquals("idle", liveState());
    List<WebElement> attempts = driver.findElements(By.cssSelector("tr.attempt-row"));
    assertEquals(2, attempts.size());
    assertEquals(String.valueOf(slow), attempts.get(0).getAttribute("data-execution"));
    assertTrue(attempts.get(0).getText().contains("Stopped"), attempts.get(0).getText());
    assertEquals(String.valueOf(restarted), attempts.get(1).getAttribute("data-execution"));
    assertTrue(attempts.get(1).getText().contains("Completed"), attempts.get(1).getText());
    // Attempts are timed to the second, each time machine-readable.
    for (WebElement attempt : attempts) {
      for (String cell : List.of("attempt-started", "attempt-ended")) {
        WebElement time = attempt.findElement(By.cssSelector("td." + cell + " time"));
        Instant at = Instant.parse(time.getAttribute("datetime"));
        assertEquals(
            SECONDS.format(at),
            time.getText(),
            cell + " of " + attempt.getAttribute("data-execution"));
      }
    }
    assertEquals(
        Instant.parse(api.awaitExport(slow).getString("endedAt")),
        Instant.parse(
            attempts
                .get(0)
                .findElement(By.cssSelector("td.attempt-ended time"))
                .getAttribute("datetime")),
        "the stopped attempt's end");
    assertNoMorePolling();
    jakarta.json.JsonObject done = api.awaitExport(restarted);
    assertEquals("COMPLETED", done.getString("status"));
    // The new attempt was queued after the stopped one ended, then started: its own times.
    Instant restartQueued = shownInstant("run-queued");
    Instant stoppedEnded = Instant.parse(api.awaitExport(slow).getString("endedAt"));
    assertTrue(!restartQueued.isBefore(stoppedEnded), restartQueued + " / " + stoppedEnded);
    assertEquals(Instant.parse(done.getString("startedAt")), shownInstant("run-started"));
    assertTrue(!shownInstant("run-started").isBefore(restartQueued), "queued, then started");
    assertEquals(Instant.parse(done.getString("endedAt")), shownInstant("run-ended"));
    browser.screenshots("run-page-restarted");
    browser.audit("run page (download restarted)");
  }

  @Test
  void anotherOrganizationsRunIsNotFound() {
    Admin admin = Admin.create(api, "PRO");
    Admin other = Admin.create(api, "PRO");
    long foreign =
        api.startExport(other.tenant().environmentId(), "{\"aggregation\":\"snapshot\"}");
    api.awaitExport(foreign);
    browser.signIn(base, admin);
    for (String address :
        List.of(
            "console/environments/run.xhtml?env="
                + admin.tenant().environmentId()
                + "&id="
                + foreign,
            "console/environments/run.xhtml?env="
                + other.tenant().environmentId()
                + "&id="
                + foreign,
            "console/environments/run.xhtml?env=" + admin.tenant().environmentId() + "&id=x",
            "console/environments/run.xhtml?env=" + admin.tenant().environmentId())) {
      driver.get(url(address));
      assertEquals("Not found", waitFor(By.id("error-heading")).getText().strip(), address);
      assertFalse(driver.getPageSource().contains(other.organization()), address);
    }
  }

  /** The instant of a time shown on the run page ({@code <time datetime>}), or null. */
  private Instant shownInstant(String id) {
    List<WebElement> time = driver.findElement(By.id(id)).findElements(By.tagName("time"));
    return time.isEmpty() ? null : Instant.parse(time.get(0).getAttribute("datetime"));
  }

  private String liveState() {
    return driver.findElement(By.id("run:live")).getAttribute("data-live-state");
  }

  /** A finished run's page sends no further refresh request. */
  private void assertNoMorePolling() {
    browser.assertNoMoreRefreshRequests("no refresh once nothing runs");
  }

  /** Waits for the redirect to the page of a new run; returns its id. */
  private long awaitRunPageOtherThan(long previous, long env) {
    java.util.regex.Pattern id = java.util.regex.Pattern.compile("[?&]id=(\\d+)");
    try {
      return browser
          .waiting(Duration.ofSeconds(30))
          .until(
              d -> {
                String address = d.getCurrentUrl();
                java.util.regex.Matcher m = id.matcher(address);
                if (!address.contains("run.xhtml")
                    || !address.contains("env=" + env)
                    || !m.find()) {
                  return null;
                }
                long shown = Long.parseLong(m.group(1));
                return shown != previous ? Long.valueOf(shown) : null;
              });
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "no page of a new run: "
              + driver.getCurrentUrl()
              + " — "
              + driver.findElement(By.tagName("main")).getText(),
          e);
    }
  }

  /** Waits, without reloading, until the run page's status reads {@code status}. */
  private void awaitStatus(String status) {
    browser.awaitText(By.id("run-status"), status, Duration.ofSeconds(120));
  }

  private String text(String id) {
    return browser.text(By.id(id));
  }

  private WebElement cell(LocalDate period) {
    return driver.findElement(By.cssSelector("#calendar-grid li[data-period='" + period + "']"));
  }

  private String state(LocalDate period) {
    try {
      return cell(period).getAttribute("data-state");
    } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
      return "(re-rendering)";
    }
  }

  private WebElement waitFor(By by) {
    return browser.waitFor(by);
  }

  private String url(String path) {
    return ConsoleBrowser.url(base, path);
  }
}
