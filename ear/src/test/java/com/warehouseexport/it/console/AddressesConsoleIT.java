package com.warehouseexport.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Addresses that survive (PRODUCT.md §12), page by page: a button of every environment page is
 * pressed and afterwards the address bar still names the environment (and the page's other
 * parameters: History's {@code page}, the run page's {@code id}), and opening that address again —
 * a reload, a bookmark — shows the same page of the same environment, not "Not found".
 */
@ExtendWith(ArquillianExtension.class)
class AddressesConsoleIT {

  private static final String ACCESS_KEY = "addresses-console-key";
  private static final String SECRET = "addresses-console-secret";
  private static final String BUCKET = "addresses-console";

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
    browser = ConsoleBrowser.open("AddressesConsoleIT");
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
  void everyPageKeepsItsAddressAfterAButtonPress() throws Exception {
    Admin admin = Admin.create(api, "ENTERPRISE");
    long env = admin.tenant().environmentId();
    String envQuery = "env=" + env;
    api.ingestOneCompany(admin.tenant(), LocalDate.now(ZoneOffset.UTC), 10, 3);
    long stopped = stoppedExport(env);
    long stoppedToo = stoppedExport(env);
    Path basedir = Files.createTempDirectory("s3-addresses-console-");
    S3ProxyProcess bucket =
        S3ProxyProcess.start(ACCESS_KEY, SECRET, S3ProxyProcess.freePort(), basedir);
    try {
      bucket.createBucket(BUCKET);
      assertEquals(
          200,
          api.saveBucketSettings(env, bucket.endpoint(), BUCKET, "a", ACCESS_KEY, SECRET).status());
      browser.signIn(base, admin);

      // Data export: Save of the automatic export (an ajax request; the page stays).
      open("console/environments/data-export.xhtml?" + envQuery);
      waitFor(By.id("automatic:save")).click();
      waitFor(By.cssSelector("#automatic\\:messages li"));
      browser.assertAddressSurvives(envQuery);

      // Deliveries: Preview without dates (refused), a full postback.
      open("console/environments/deliveries.xhtml?" + envQuery);
      press(By.id("deliveries:preview"));
      waitFor(By.cssSelector("#deliveries\\:messages .error"));
      browser.assertAddressSurvives(envQuery);

      // History, on a page of its own: Abandon…, Cancel, Abandon… and Yes, abandon.
      open("console/environments/history.xhtml?" + envQuery + "&page=0");
      press(By.cssSelector("tr.history-row[data-execution='" + stopped + "'] input.abandon"));
      waitFor(By.cssSelector(".confirm-inline"));
      assertKeeps(envQuery, "page=0");
      press(By.xpath("//div[contains(@class,'confirm-inline')]//input[@value='Cancel']"));
      assertKeeps(envQuery, "page=0");
      press(By.cssSelector("tr.history-row[data-execution='" + stopped + "'] input.abandon"));
      press(By.cssSelector("input.confirm-abandon"));
      waitFor(By.cssSelector("#history\\:messages .info"));
      assertSurvives(envQuery, "page=0");

      // The run page: Abandon…, Cancel, Abandon… and Yes, abandon.
      String runQuery = "id=" + stoppedToo;
      open("console/environments/run.xhtml?" + envQuery + "&" + runQuery);
      press(By.id("run:abandon"));
      waitFor(By.id("abandon-confirm"));
      assertKeeps(envQuery, runQuery);
      press(By.id("run:cancel-abandon"));
      assertKeeps(envQuery, runQuery);
      press(By.id("run:abandon"));
      press(By.id("run:confirm-abandon"));
      waitFor(By.cssSelector("#run\\:messages .info"));
      assertEquals("Abandoned", driver.findElement(By.id("run-status")).getText());
      assertSurvives(envQuery, runQuery);

      // Features: Save of a row.
      open("console/environments/features.xhtml?" + envQuery);
      press(By.xpath("//form[@id='features']//input[@value='Save']"));
      assertSurvives(envQuery);

      // Ingestion key: Rotate… then Cancel.
      open("console/environments/ingestion-key.xhtml?" + envQuery);
      press(By.id("key:rotate"));
      waitFor(By.id("key:cancel-rotate"));
      assertKeeps(envQuery);
      press(By.id("key:cancel-rotate"));
      assertSurvives(envQuery);

      // Alerts: Add webhook without an address (refused).
      open("console/environments/notifications.xhtml?" + envQuery);
      press(By.id("alerts:add-webhook"));
      waitFor(By.cssSelector("#alerts .message.error, #alerts .messages .error"));
      assertSurvives(envQuery);
    } finally {
      bucket.close();
    }
  }

  /** A manual export stopped while it runs: History and its run page offer Abandon. */
  private long stoppedExport(long env) {
    long execution =
        api.startExport(
            env,
            "{\"aggregation\":\"30-days-daily\",\"chunkCompanies\":1,\"pausePerCompanyMillis\":3000}");
    Api.Answer stop = api.asOperator("POST", "/api/v1/exports/" + execution + "/stop", null);
    assertTrue(stop.status() / 100 == 2, stop.status() + " " + stop.body());
    assertEquals("STOPPED", api.awaitExport(execution).getString("status"));
    return execution;
  }

  private void open(String path) {
    driver.get(url(path));
    waitFor(By.cssSelector("main h1"));
  }

  /** Presses a button and waits for the page that the press leads to. */
  private void press(By button) {
    WebElement element = waitFor(button);
    WebElement page = driver.findElement(By.tagName("html"));
    element.click();
    browser.awaitGone(page, Duration.ofSeconds(30));
    waitFor(By.cssSelector("main h1"));
  }

  /** The address still names every query, without reopening it (a confirmation is showing). */
  private void assertKeeps(String... queries) {
    String address = driver.getCurrentUrl();
    for (String query : queries) {
      assertTrue(
          address.contains("?" + query) || address.contains("&" + query),
          "after the action the address still names " + query + ": " + address);
    }
  }

  /** The address names every query, and reopening it shows the same page. */
  private void assertSurvives(String... queries) {
    String address = driver.getCurrentUrl();
    for (String query : List.of(queries).subList(1, queries.length)) {
      assertTrue(
          address.contains("?" + query) || address.contains("&" + query),
          "after the action the address still names " + query + ": " + address);
    }
    browser.assertAddressSurvives(queries[0]);
  }

  private WebElement waitFor(By by) {
    return browser.waitFor(by);
  }

  private String url(String path) {
    return ConsoleBrowser.url(base, path);
  }
}
