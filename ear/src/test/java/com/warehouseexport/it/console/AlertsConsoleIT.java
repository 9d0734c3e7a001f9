package com.warehouseexport.it.console;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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
 * The Alerts page and the auto-pause banner in a real browser: a webhook's secret is shown once and
 * never again, e-mail addresses are listed, a test notification is queued; an environment whose
 * automatic export paused itself shows the banner with the reason, and Resume clears it.
 */
@ExtendWith(ArquillianExtension.class)
class AlertsConsoleIT {

  private static final String ACCESS_KEY = "alerts-console-key";
  private static final String SECRET = "alerts-console-secret";
  private static final String BUCKET = "alerts-console";

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
    browser = ConsoleBrowser.open("AlertsConsoleIT");
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
  void aWebhookSecretIsShownOnceAndATestIsQueued() {
    Admin admin = Admin.create(api, "ENTERPRISE");
    long env = admin.tenant().environmentId();
    browser.signIn(base, admin);
    driver.get(url("console/environments/data-export.xhtml?env=" + env));
    waitFor(By.id("nav-notifications")).click();
    waitFor(By.id("no-targets"));
    browser.audit("alerts (no targets)");

    type("alerts:url", "http://127.0.0.1:9/hook");
    driver.findElement(By.id("alerts:add-webhook")).click();
    WebElement refused = waitFor(By.cssSelector("#alerts\\:messages .error"));
    assertTrue(refused.getText().contains("https://"), refused.getText());
    browser.audit("alerts (refused URL)");

    type("alerts:url", "https://127.0.0.1:9/hook");
    driver.findElement(By.id("alerts:add-webhook")).click();
    String secret = waitFor(By.id("webhook-secret")).getText().strip();
    assertTrue(secret.startsWith("whsec_"), secret);
    browser.audit("alerts (webhook secret shown once)");
    driver.findElement(By.cssSelector("button.copy[data-copy='webhook-secret']")).click();
    assertEquals(secret, driver.executeScript("return window.getSelection().toString().trim();"));
    type("alerts:addresses", "data-team@example.com, oncall@example.com");
    WebElement added = driver.findElement(By.cssSelector("#alerts\\:messages .info"));
    driver.findElement(By.id("alerts:add-email")).click();
    // the webhook's message is on the page until the next one replaces it
    browser.awaitGone(added, Duration.ofSeconds(30));
    waitFor(By.cssSelector("#alerts\\:messages .info"));
    assertEquals(2, driver.findElements(By.cssSelector("tr.target-row")).size());
    assertFalse(driver.getPageSource().contains(secret), "shown once: gone after the next action");

    WebElement emailAdded = driver.findElement(By.cssSelector("#alerts\\:messages .info"));
    driver.findElement(By.id("alerts:send-test")).click();
    browser.awaitGone(emailAdded, Duration.ofSeconds(30));
    WebElement queued = waitFor(By.cssSelector("#alerts\\:messages .info"));
    assertTrue(queued.getText().contains("queued for 2 targets"), queued.getText());
    waitFor(By.id("delivery-table"));
    browser.screenshots("alerts-page");
    browser.audit("alerts (targets and deliveries)");
    // Deliveries name their target by URL or addresses, never by id; no Java class or server
    // setting names reach the customer.
    List<String> targets =
        driver.findElements(By.cssSelector("#delivery-table td[data-label='Target']")).stream()
            .map(WebElement::getText)
            .toList();
    assertFalse(targets.isEmpty());
    for (String target : targets) {
      assertTrue(
          target.equals("https://127.0.0.1:9/hook")
              || target.equals("data-team@example.com, oncall@example.com"),
          "a delivery's target by its address: " + targets);
    }
    String page = driver.getPageSource();
    assertFalse(page.contains("Exception"), "no Java class names");
    assertFalse(page.contains("SMTP_HOST"), "no server setting names");
    browser.assertAddressSurvives("env=" + env);

    driver.get(url("console/environments/notifications.xhtml?env=" + env));
    waitFor(By.id("target-table"));
    assertFalse(driver.getPageSource().contains(secret), "never rendered again");

    // Per-event subscription: a target receives every event until an admin narrows it.
    assertEquals(
        "every event",
        driver.findElement(By.cssSelector("tr.target-row td.target-events")).getText());
    driver.findElement(By.cssSelector("tr.target-row input.change-events")).click();
    waitFor(By.cssSelector("fieldset.edit-events"));
    browser.audit("alerts (change events)");
    driver.findElement(By.cssSelector("fieldset.edit-events input.edit-failed")).click();
    driver.findElement(By.cssSelector("fieldset.edit-events input.edit-paused")).click();
    driver.findElement(By.cssSelector("input.save-events")).click();
    WebElement subscribed = waitFor(By.cssSelector("#alerts\\:messages .info"));
    assertTrue(
        subscribed.getText().contains("now receives: recovered after a failure"),
        subscribed.getText());
    assertEquals(
        "recovered after a failure",
        driver.findElement(By.cssSelector("tr.target-row td.target-events")).getText());

    // Remove asks first, naming the target; Cancel keeps it.
    String first =
        driver.findElement(By.cssSelector("tr.target-row td[data-label='Sent to']")).getText();
    driver.findElement(By.cssSelector("tr.target-row input.remove")).click();
    WebElement question = waitFor(By.cssSelector("tr.target-row .confirm-inline p"));
    assertTrue(question.getText().contains(first), question.getText());
    browser.screenshots("alerts-remove-confirm");
    browser.audit("alerts (confirm remove)");
    driver.findElement(By.cssSelector("input.cancel-remove")).click();
    waitFor(By.cssSelector("tr.target-row input.remove"));
    assertEquals(2, driver.findElements(By.cssSelector("tr.target-row")).size());
    driver.findElement(By.cssSelector("tr.target-row input.remove")).click();
    waitFor(By.cssSelector("input.confirm-remove")).click();
    waitFor(By.cssSelector("#alerts\\:messages .info"));
    assertEquals(1, driver.findElements(By.cssSelector("tr.target-row")).size());
  }

  @Test
  void aPausedExportShowsTheBannerAndResumes() throws Exception {
    Admin admin = Admin.create(api, "ENTERPRISE");
    long env = admin.tenant().environmentId();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    api.withKey(
        admin.tenant().ingestionKey(),
        "/api/v1/track/event",
        "{\"event\":\"alerts\",\"userId\":\"u\",\"companyId\":\"c\",\"timestamp\":\""
            + today.minusDays(8)
            + "T10:00:00Z\"}");
    Path basedir = Files.createTempDirectory("s3-alerts-console-");
    int port = S3ProxyProcess.freePort();
    S3ProxyProcess bucket = S3ProxyProcess.start(ACCESS_KEY, SECRET, port, basedir);
    try {
      bucket.createBucket(BUCKET);
      assertEquals(
          200,
          api.saveBucketSettings(env, bucket.endpoint(), BUCKET, "c", ACCESS_KEY, SECRET).status());
      bucket.close();
      for (int days = 5; days >= 3; days--) {
        assertEquals(
            202,
            api.asOperator(
                    "POST",
                    "/api/v1/environments/" + env + "/export-periods/" + today.minusDays(days),
                    null)
                .status());
      }
      // each run gives its period a fresh horizon (PT40S in the test server)
      browser.await(
          Duration.ofSeconds(240),
          Duration.ofSeconds(1),
          () -> "automatic export pauses itself: " + status(env),
          d -> "paused".equals(status(env)));
      bucket = S3ProxyProcess.start(ACCESS_KEY, SECRET, port, basedir);

      browser.signIn(base, admin);
      driver.get(url("console/environments/data-export.xhtml?env=" + env));
      WebElement banner = waitFor(By.id("auto-paused"));
      assertTrue(banner.getText().contains("Automatic export is paused."), banner.getText());
      assertTrue(banner.getText().contains("3 consecutive periods failed for good"));
      assertEquals("paused", driver.findElement(By.id("auto-status")).getText().strip());
      browser.screenshots("automatic-export-paused");
      browser.audit("automatic export (paused banner)");

      driver.findElement(By.id("automatic:resume")).click();
      WebElement resumed = waitFor(By.cssSelector("#automatic\\:messages .info"));
      assertTrue(resumed.getText().startsWith("Resumed."), resumed.getText());
      assertTrue(driver.findElements(By.id("auto-paused")).isEmpty(), "the banner is gone");
      browser.audit("automatic export (resumed)");
      assertFalse("paused".equals(status(env)));
    } finally {
      bucket.close();
    }
  }

  private String status(long env) {
    return api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null)
        .json()
        .getString("status");
  }

  private void type(String id, String text) {
    browser.type(By.id(id), text);
  }

  private WebElement waitFor(By by) {
    return browser.waitFor(by);
  }

  private String url(String path) {
    return ConsoleBrowser.url(base, path);
  }
}
