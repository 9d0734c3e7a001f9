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
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
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
 * The Deliveries page in a real browser: the delivery calendar (60 daily cells, a legend in words,
 * each cell labelled with its period and state), reached from the Data export page; an org admin's
 * backfill — preview, confirmation, start — after which the periods show landed in the calendar and
 * each links to the page of its run; a range in the future is refused naming the field.
 */
@ExtendWith(ArquillianExtension.class)
class DeliveriesConsoleIT {

  private static final String ACCESS_KEY = "deliveries-console-key";
  private static final String SECRET = "deliveries-console-secret";
  private static final String BUCKET = "deliveries-console";

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
    browser = ConsoleBrowser.open("DeliveriesConsoleIT");
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
  void theCalendarShowsDeliveriesAndAnAdminBackfillsARange() throws Exception {
    Admin admin = Admin.create(api, "ENTERPRISE");
    long env = admin.tenant().environmentId();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    api.ingestOneCompany(admin.tenant(), today, 10, 6);
    Path basedir = Files.createTempDirectory("s3-deliveries-console-");
    S3ProxyProcess bucket =
        S3ProxyProcess.start(ACCESS_KEY, SECRET, S3ProxyProcess.freePort(), basedir);
    try {
      bucket.createBucket(BUCKET);
      assertEquals(
          200,
          api.saveBucketSettings(env, bucket.endpoint(), BUCKET, "d", ACCESS_KEY, SECRET).status());

      browser.signIn(base, admin);
      driver.get(url("console/environments/data-export.xhtml?env=" + env));
      waitFor(By.cssSelector("#auto-deliveries-link a")).click();
      waitFor(By.id("calendar-grid"));
      List<WebElement> cells = driver.findElements(By.cssSelector("#calendar-grid li.cal-cell"));
      assertEquals(60, cells.size());
      WebElement last = cells.get(59);
      assertEquals(today.toString(), last.getAttribute("data-period"));
      assertEquals("not-due", last.getAttribute("data-state"));
      assertTrue(last.getText().contains("not due yet"), last.getText());
      String label = last.findElement(By.cssSelector("[aria-label]")).getAttribute("aria-label");
      assertTrue(label.contains("not due yet"), label);
      String legend = driver.findElement(By.id("calendar-legend")).getText();
      for (String word :
          List.of("landed", "retrying", "failed for good", "missed", "paused", "not due yet")) {
        assertTrue(legend.contains(word), "legend names " + word + ": " + legend);
      }
      browser.audit("deliveries (calendar, backfill form)");

      // A range reaching today is refused, naming the field.
      setDate("deliveries:from", today.minusDays(2));
      setDate("deliveries:to", today);
      driver.findElement(By.id("deliveries:preview")).click();
      WebElement refused = waitFor(By.cssSelector("#deliveries\\:messages .error"));
      assertTrue(refused.getText().startsWith("To:"), refused.getText());
      browser.audit("deliveries (refused range)");

      // Preview, confirm, start.
      LocalDate from = today.minusDays(4);
      LocalDate to = today.minusDays(3);
      setDate("deliveries:from", from);
      setDate("deliveries:to", to);
      driver.findElement(By.id("deliveries:preview")).click();
      waitFor(By.id("preview-table"));
      List<WebElement> rows = driver.findElements(By.cssSelector("tr.preview-row.will-export"));
      assertEquals(2, rows.size());
      assertEquals(from.toString(), rows.get(0).getAttribute("data-period"));
      String confirm = waitFor(By.id("confirm-text")).getText();
      assertTrue(confirm.contains("Export 2 periods now?"), confirm);
      driver.executeScript("document.getElementById('backfill').scrollIntoView();");
      browser.screenshots("deliveries-backfill-preview");
      browser.audit("deliveries (backfill preview and confirmation)");
      driver.findElement(By.id("deliveries:start-backfill")).click();
      WebElement started = waitFor(By.cssSelector("#deliveries\\:messages .info"));
      assertTrue(started.getText().startsWith("Backfill started: 2 periods"), started.getText());
      assertTrue(driver.findElements(By.id("preview-table")).isEmpty(), "the preview is done");
      browser.screenshots("deliveries-backfill-started");
      browser.audit("deliveries (backfill started)");
      browser.assertAddressSurvives("env=" + env);

      // The calendar shows them landed, each linking to its execution.
      awaitCalendar(
          env,
          Duration.ofSeconds(90),
          () -> "landed: " + state(from) + ", " + state(to),
          () -> state(from).equals("landed") && state(to).equals("landed"));
      // With the bucket gone, a period more than 48 h past due fails for good at once.
      bucket.close();
      LocalDate old = today.minusDays(6);
      Api.Answer failing =
          api.send(
              "POST",
              "/api/v1/environments/" + env + "/export-settings/backfill",
              "{\"from\":\"" + old + "\",\"to\":\"" + old + "\"}",
              Api.basic(admin.username(), admin.password()));
      assertEquals(202, failing.status(), failing.body());
      awaitCalendar( // PT40S from the backfill
          env,
          Duration.ofSeconds(180),
          () -> "failed for good: " + state(old),
          () -> state(old).equals("failed"));
      assertTrue(cell(old).getText().contains("failed for good"), cell(old).getText());
      browser.screenshots("deliveries-calendar");
      browser.audit("deliveries (landed and failed cells)");
      WebElement link = cell(from).findElement(By.tagName("a"));
      assertTrue(
          link.getAttribute("textContent").contains("landed, export #"),
          link.getAttribute("textContent"));
      String href = link.getAttribute("href");
      assertTrue(href.contains("run.xhtml?env=" + env + "&id="), href);
      String execution = href.substring(href.indexOf("id=") + "id=".length());
      link.click();
      waitFor(By.id("run-facts"));
      assertEquals("Export #" + execution, driver.findElement(By.cssSelector("main h1")).getText());
      assertEquals(from.toString(), driver.findElement(By.id("run-period")).getText());
      assertEquals("Completed", driver.findElement(By.id("run-status")).getText());
      browser.audit("run page (from a calendar cell)");
    } finally {
      bucket.close();
    }
  }

  /** Reloads the calendar every second until {@code done}, as a person watching it would. */
  private void awaitCalendar(
      long env, Duration timeout, Supplier<String> what, BooleanSupplier done) {
    browser.await(
        timeout,
        Duration.ofSeconds(1),
        what,
        d -> {
          if (done.getAsBoolean()) {
            return true;
          }
          d.get(url("console/environments/deliveries.xhtml?env=" + env));
          waitFor(By.id("calendar-grid"));
          return false;
        });
  }

  private WebElement cell(LocalDate period) {
    return driver.findElement(By.cssSelector("#calendar-grid li[data-period='" + period + "']"));
  }

  private String state(LocalDate period) {
    return cell(period).getAttribute("data-state");
  }

  /** Date inputs take typed text in the browser's locale: set the ISO value directly. */
  private void setDate(String id, LocalDate date) {
    WebElement field = waitFor(By.id(id));
    driver.executeScript("arguments[0].value = arguments[1];", field, date.toString());
  }

  private WebElement waitFor(By by) {
    return browser.waitFor(by);
  }

  private String url(String path) {
    return ConsoleBrowser.url(base, path);
  }
}
