package com.warehouseexport.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.it.Api;
import com.warehouseexport.it.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Faces admin console in a real browser (Debian's headless chromium): sign-in, tenancy, plan
 * gating, the manual export with live progress and automatic download, and the history.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {

  static final String HEADER =
      "Company ID,Company Name,Feature Name,Feature ID,Date,First Seen,Last Seen,First Used,"
          + "Last Used,STARS State Label,STARS State,Frequency Label,Frequency,Satisfaction Label,"
          + "Satisfaction,Feedback Count,Segment Names,Segment IDs";

  static final String[] AGGREGATIONS = {
    "snapshot", "30-days-daily", "3-months-weekly", "6-months-weekly"
  };

  private static ConsoleBrowser browser;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;
  private ChromeDriver driver;

  @BeforeAll
  static void browser() {
    browser = ConsoleBrowser.open("ConsoleIT");
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  @BeforeEach
  void setUp() {
    api = new Api(base);
    driver = browser.signedOut(base);
  }

  // ------------------------------------------------------------------------------------ tests

  @Test
  void signInRejectsAWrongPasswordThenReturnsToThePageAskedFor() {
    Admin admin = Admin.create(api, "PRO");
    // An unauthenticated console page goes to the sign-in page.
    driver.get(url("console/environments/data-export.xhtml?env=" + admin.tenant().environmentId()));
    waitFor(By.id("login:username"));
    assertTrue(driver.getCurrentUrl().contains("/console/login.xhtml"), driver.getCurrentUrl());
    browser.screenshots("login");
    browser.audit("login");

    typeCredentials(admin.username(), "wrong-password");
    WebElement message = waitFor(By.cssSelector("#login\\:messages .error"));
    assertEquals("Wrong username or password", message.getText().strip());
    browser.screenshots("login-wrong-password");
    browser.audit("login (wrong password)");
    // Unknown user: the very same message, never which one was wrong. (Wait for the page with the
    // first message to go away, so the assertion reads the new one.)
    typeCredentials("no-such-user-" + UUID.randomUUID(), "whatever-password");
    browser.awaitGone(message, Duration.ofSeconds(30));
    assertEquals(
        "Wrong username or password",
        waitFor(By.cssSelector("#login\\:messages .error")).getText().strip());

    typeCredentials(admin.username(), admin.password());
    waitFor(By.id("manual-export"));
    assertTrue(
        driver.getCurrentUrl().endsWith("data-export.xhtml?env=" + admin.tenant().environmentId()),
        "back to the page first asked for: " + driver.getCurrentUrl());
    assertEquals(admin.username(), driver.findElement(By.id("signed-in-user")).getText());
    Cookie session = driver.manage().getCookieNamed("JSESSIONID");
    assertNotNull(session);
    assertTrue(session.isHttpOnly(), "session cookie is HttpOnly");
    assertEquals("Lax", session.getSameSite());

    driver.findElement(By.id("session:signOut")).click();
    waitFor(By.id("signed-out-note"));
    assertTrue(driver.getPageSource().contains("You have signed out."));
    browser.audit("login (signed out)");
    driver.get(url("console/environments/index.xhtml"));
    waitFor(By.id("login:username"));
  }

  @Test
  void orgAdminRunsEveryAggregationWithProgressAndAutomaticDownload() throws Exception {
    Admin admin = Admin.create(api, "ENTERPRISE");
    ingestHistory(admin.tenant());
    browser.signIn(base, admin);
    driver.get(url("console/environments/index.xhtml"));
    WebElement link =
        waitFor(
            By.cssSelector(
                "[data-environment-id='"
                    + admin.tenant().environmentId()
                    + "'] a.environment-link"));
    assertEquals("Environment: Production", link.getText());
    browser.screenshots("environments");
    browser.audit("environments");
    link.click();
    waitFor(By.id("manual:download"));
    assertTrue(driver.findElements(By.id("automatic-plan-note")).isEmpty(), "Enterprise");
    browser.audit("data export (Enterprise, before any export)");
    assertEquals(
        "Automatic export", driver.findElement(By.id("automatic-heading")).getText().strip());
    List<String> labels = new ArrayList<>();
    for (WebElement label : driver.findElements(By.cssSelector("#manual\\:aggregation label"))) {
      labels.add(label.getText().strip());
    }
    assertEquals(
        List.of(
            "Just today's snapshot",
            "30 days, daily granularity",
            "3 months, weekly granularity",
            "6 months, weekly granularity"),
        labels);

    for (String aggregation : AGGREGATIONS) {
      // The last one is downloaded as Parquet (the file-format choice), the others as CSV.
      boolean parquet = aggregation.equals(AGGREGATIONS[AGGREGATIONS.length - 1]);
      driver
          .findElement(By.cssSelector("#manual input[type=radio][value='" + aggregation + "']"))
          .click();
      if (parquet) {
        WebElement format =
            driver.findElement(By.cssSelector("#manual input[type=radio][value='parquet']"));
        format.click();
        assertTrue(format.isSelected(), "the Parquet choice is selected");
      }
      String before = attribute(By.id("manual:status"), "data-execution");
      driver.findElement(By.id("manual:download")).click();
      // The progress element appears without a page load and ends at 100 %.
      List<Integer> seen = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      String state = "";
      String execution = null;
      while (System.nanoTime() < deadline) {
        try {
          WebElement status = driver.findElement(By.id("manual:status"));
          execution = status.getAttribute("data-execution");
          if (execution != null && !execution.equals(before)) {
            state = status.getAttribute("data-export-state");
            List<WebElement> bars = driver.findElements(By.id("progress"));
            if (!bars.isEmpty()) {
              seen.add(Integer.parseInt(bars.get(0).getAttribute("aria-valuenow")));
            }
            if (!state.equals("running")) {
              break;
            }
          }
        } catch (StaleElementReferenceException e) {
          // re-rendered by the poll meanwhile
        }
        Thread.sleep(100);
      }
      assertEquals("complete", state, aggregation + ": " + driver.getPageSource());
      assertFalse(seen.isEmpty(), "the progress bar was rendered");
      assertEquals(100, seen.get(seen.size() - 1));
      assertEquals("100", driver.findElement(By.id("progress-percent")).getText().strip());
      assertTrue(
          driver.findElement(By.id("download-link")).getAttribute("href").contains(execution));
      JsonObject apiStatus = api.asOperator("GET", "/api/v1/exports/" + execution, null).json();
      assertEquals("COMPLETED", apiStatus.getString("status"));
      assertEquals(aggregation, apiStatus.getString("aggregation"));
      long rows = apiStatus.getJsonNumber("rowsWritten").longValue();
      assertTrue(rows > 0, apiStatus.toString());
      assertEquals(
          String.format(java.util.Locale.ROOT, "%,d", rows),
          driver.findElement(By.id("progress-rows")).getText().strip());

      if (parquet) {
        String address = attribute(By.id("manual:status"), "data-download-url");
        assertTrue(
            address != null && address.endsWith("&format=parquet"), "download address: " + address);
      }
      Path csv = awaitDownload(admin.tenant().environmentId(), aggregation, parquet);
      if (parquet) {
        byte[] file = Files.readAllBytes(csv);
        assertTrue(csv.getFileName().toString().endsWith(".parquet"), csv.toString());
        assertEquals(
            "PAR1",
            new String(file, 0, 4, StandardCharsets.US_ASCII),
            "a Parquet file starts with its magic");
        assertEquals(
            "PAR1", new String(file, file.length - 4, 4, StandardCharsets.US_ASCII), "and ends");
        continue;
      }
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      assertEquals(HEADER, lines.get(0), aggregation);
      assertEquals(rows, lines.size() - 1, aggregation + ": data rows = rowsWritten");
      assertTrue(
          csv.getFileName()
              .toString()
              .startsWith(
                  "company-usage-production-" + admin.tenant().environmentId() + "-" + aggregation),
          csv.toString());
    }
    browser.screenshots("data-export");
    browser.audit("data export (export complete)");

    driver.findElement(By.id("nav-history")).click();
    waitFor(By.id("history-table"));
    List<WebElement> rows = driver.findElements(By.cssSelector("#history-table tr.history-row"));
    assertEquals(4, rows.size());
    for (WebElement row : rows) {
      assertTrue(row.getText().contains("Completed"), row.getText());
    }
    String table = driver.findElement(By.id("history-table")).getText();
    for (String label :
        List.of(
            "Just today's snapshot",
            "30 days, daily granularity",
            "3 months, weekly granularity",
            "6 months, weekly granularity")) {
      assertTrue(table.contains(label), table);
    }
    assertEquals(
        4, driver.findElements(By.cssSelector("#history-chart svg.chart-wide rect.bar")).size());
    assertTrue(driver.findElements(By.xpath("//input[@value='Restart']")).isEmpty());
    browser.screenshots("history");
    browser.audit("history");
  }

  @Test
  void reopeningThePageShowsTheProgressOfAnExportStillRunning() throws Exception {
    Admin admin = Admin.create(api, "PRO");
    ingestHistory(admin.tenant());
    long execution =
        api.startExport(
            admin.tenant().environmentId(),
            "{\"aggregation\":\"30-days-daily\",\"chunkCompanies\":1,\"pausePerCompanyMillis\":1500}");
    browser.signIn(base, admin);
    driver.get(url("console/environments/data-export.xhtml?env=" + admin.tenant().environmentId()));
    WebElement status = waitFor(By.id("manual:status"));
    assertEquals(Long.toString(execution), status.getAttribute("data-execution"));
    assertEquals("running", status.getAttribute("data-export-state"));
    assertFalse(driver.findElements(By.id("progress")).isEmpty(), "progress bar shown");
    browser.audit("data export (export running)");
    browser.awaitAttribute(
        By.id("manual:status"), "data-export-state", "complete", Duration.ofSeconds(60));
    assertEquals("COMPLETED", api.awaitExport(execution).getString("status"));
  }

  @Test
  void anAdminSeesOnlyTheirOwnOrganization() {
    Admin a = Admin.create(api, "PRO");
    Admin b = Admin.create(api, "PRO");
    long bExport = api.startExport(b.tenant().environmentId(), "{\"aggregation\":\"snapshot\"}");
    assertEquals("COMPLETED", api.awaitExport(bExport).getString("status"));
    browser.signIn(base, a);

    driver.get(url("console/environments/index.xhtml"));
    waitFor(By.id("environment-picker"));
    assertEquals(
        1,
        driver
            .findElements(
                By.cssSelector("[data-environment-id='" + a.tenant().environmentId() + "']"))
            .size());
    assertTrue(
        driver
            .findElements(
                By.cssSelector("[data-environment-id='" + b.tenant().environmentId() + "']"))
            .isEmpty(),
        "B's environment is not in A's picker");
    assertFalse(driver.getPageSource().contains(b.organization()));
    driver.get(url("console/environments/history.xhtml?env=" + a.tenant().environmentId()));
    waitFor(By.id("no-history"));
    browser.audit("history (no exports yet)");

    for (String page : List.of("data-export.xhtml", "history.xhtml")) {
      driver.get(url("console/environments/" + page + "?env=" + b.tenant().environmentId()));
      assertNotFound(b);
    }
    browser.screenshots("error-not-found");
    browser.audit("error 404 (not found)");
    // A page fragment is never served on its own: 403 with the "Not allowed" page.
    driver.get(url("console/environments/automatic-export.xhtml"));
    assertEquals("Not allowed", waitFor(By.id("error-heading")).getText().strip());
    browser.audit("error 403 (not allowed)");
    driver.get(url("error/error.xhtml?id=it-audit"));
    assertEquals("Something went wrong", waitFor(By.id("error-heading")).getText().strip());
    browser.audit("error 500 (something went wrong)");
    driver.get(url("console/environments/data-export.xhtml?env=99999999999"));
    assertNotFound(b);
    driver.get(url("console/environments/data-export.xhtml?env=%27%3Cscript%3E"));
    assertNotFound(b);
    // B's finished export cannot be downloaded through A's console session either.
    driver.get(url("console/exports/download?execution=" + bExport));
    assertNotFound(b);
    assertTrue(
        browser.finishedDownloads().stream()
            .noneMatch(p -> p.toString().contains("-" + b.tenant().environmentId() + "-")));
  }

  @Test
  void aFreeOrganizationSeesWhyExportIsDisabled() {
    Admin admin = Admin.create(api, "FREE");
    browser.signIn(base, admin);
    driver.get(url("console/environments/data-export.xhtml?env=" + admin.tenant().environmentId()));
    WebElement note = waitFor(By.id("manual-plan-note"));
    assertTrue(note.getText().contains("Export is part of the Pro and Enterprise plans"));
    assertTrue(driver.findElements(By.id("manual:download")).isEmpty(), "no Download button");
    assertTrue(
        driver.findElements(By.xpath("//*[normalize-space(@value)='Download export']")).isEmpty());
    assertTrue(
        driver
            .findElement(By.id("automatic-plan-note"))
            .getText()
            .contains("Automatic export is part of the Enterprise plan"));
    browser.screenshots("data-export-free");
    browser.audit("data export (Free plan)");
    // The server refuses too, whatever the page shows.
    Api.Answer refused =
        api.send(
            "POST",
            "/api/v1/environments/" + admin.tenant().environmentId() + "/exports",
            "{\"aggregation\":\"snapshot\"}",
            Api.basic(admin.username(), admin.password()));
    assertEquals(403, refused.status(), refused.body());
  }

  @Test
  void operatorsRestartAFailedExportFromTheHistory() {
    Admin admin = Admin.create(api, "PRO");
    ingestHistory(admin.tenant());
    long failed =
        api.startExport(
            admin.tenant().environmentId(),
            "{\"aggregation\":\"snapshot\",\"chunkCompanies\":1,\"failAfterCompanies\":2}");
    JsonObject status = api.awaitExport(failed);
    assertEquals("FAILED", status.getString("status"), status.toString());

    browser.signIn(base, admin);
    driver.get(url("console/environments/history.xhtml?env=" + admin.tenant().environmentId()));
    waitFor(By.id("history-table"));
    assertTrue(driver.findElement(By.id("history-table")).getText().contains("Failed"));
    browser.audit("history (failed export)");
    assertTrue(
        driver.findElements(By.xpath("//input[@value='Restart']")).isEmpty(),
        "org admins do not restart");
    driver.findElement(By.id("session:signOut")).click();
    waitFor(By.id("login:username"));

    typeCredentials(Api.OPERATOR, Api.OPERATOR_PASSWORD);
    waitFor(By.id("environment-picker"));
    browser.audit("environments (operator, every organization)");
    driver.get(url("console/environments/history.xhtml?env=" + admin.tenant().environmentId()));
    WebElement restart =
        waitFor(By.cssSelector("[data-execution='" + failed + "'] input[value='Restart']"));
    restart.click();
    WebElement info = waitFor(By.cssSelector("#history\\:messages .info"));
    assertTrue(info.getText().contains("Export " + failed + " was restarted"), info.getText());
    browser.audit("history (restarted, operator)");
  }

  @Test
  void aPostWithoutAValidViewStateChangesNothingAndGoesBackToSignIn() {
    Admin admin = Admin.create(api, "PRO");
    browser.signIn(base, admin);
    driver.get(url("console/environments/data-export.xhtml?env=" + admin.tenant().environmentId()));
    waitFor(By.id("manual:download"));
    // A forged or expired view state (the Faces CSRF token): no export starts.
    driver.executeScript(
        "document.querySelectorAll(\"input[name='jakarta.faces.ViewState']\")"
            + ".forEach(function (e) { e.value = '1:2'; });");
    driver.findElement(By.id("manual:download")).click();
    waitFor(By.id("expired-note"));
    assertTrue(driver.getCurrentUrl().contains("/console/login.xhtml?expired=true"));
    browser.audit("login (session expired)");
    Api.Answer history =
        api.asOperator(
            "GET", "/api/v1/environments/" + admin.tenant().environmentId() + "/exports", null);
    assertEquals(200, history.status(), history.body());
    assertFalse(history.body().contains("executionId"), history.body());
  }

  // ---------------------------------------------------------------------------------- helpers

  @Test
  void anExportWithoutRowsSaysWhyAndHowToSendData() {
    Admin admin = Admin.create(api, "PRO");
    browser.signIn(base, admin);
    driver.get(url("console/environments/data-export.xhtml?env=" + admin.tenant().environmentId()));
    waitFor(By.cssSelector("#manual input[type=radio][value='snapshot']")).click();
    driver.findElement(By.id("manual:download")).click();
    WebElement empty =
        browser
            .waiting(Duration.ofMinutes(2))
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("empty-export")));
    assertTrue(empty.getText().contains("no tracking data"), empty.getText());
    assertTrue(empty.getText().contains("POST /api/v1/track/event"), empty.getText());
    assertTrue(
        empty
            .findElement(By.tagName("a"))
            .getAttribute("href")
            .contains("ingestion-key.xhtml?env=" + admin.tenant().environmentId()));
    browser.screenshots("data-export-no-rows");
    browser.audit("data export (no rows)");
  }

  @Test
  void anAdminWhoOpensTheConsoleRootAndSignsInLandsOnTheirEnvironments() {
    Admin admin = Admin.create(api, "PRO");
    driver.get(url("console/"));
    typeCredentials(admin.username(), admin.password());
    WebElement picker = waitFor(By.id("environment-picker"));
    assertTrue(picker.getText().contains(admin.organization()), picker.getText());
    assertTrue(driver.findElements(By.id("error-heading")).isEmpty(), "not an error page");
  }

  /** Four companies using two features on and off over the last 70 days. */
  @Test
  void anAdminCreatesSeesOnceAndRevokesAnApiToken() {
    Admin admin = Admin.create(api, "PRO");
    browser.signIn(base, admin);
    driver.findElement(By.id("nav-tokens")).click();
    waitFor(By.id("no-tokens"));
    browser.audit("API tokens (none)");
    driver.findElement(By.id("tokens:name")).sendKeys("console script");
    // The date picker's value, as a person picks it: the last day the token works.
    driver.executeScript("document.getElementById('tokens:expiresOn').value = '2027-01-31';");
    driver.findElement(By.id("tokens:create")).click();
    String secret = waitFor(By.id("token-secret")).getText().strip();
    assertTrue(secret.startsWith("wxp_"), secret);
    browser.screenshots("api-token-created");
    browser.audit("API tokens (secret shown once)");
    // Copy: selects the secret (what is copied) and says so.
    driver.findElement(By.cssSelector("button.copy[data-copy='token-secret']")).click();
    browser
        .waiting(Duration.ofSeconds(5))
        .until(d -> !d.findElement(By.id("token-copy-status")).getText().isBlank());
    String copyStatus = driver.findElement(By.id("token-copy-status")).getText();
    assertTrue(
        copyStatus.equals("Copied.") || copyStatus.startsWith("Selected"), "status: " + copyStatus);
    assertEquals(secret, driver.executeScript("return window.getSelection().toString().trim();"));
    String environment = "/api/v1/environments/" + admin.tenant().environmentId();
    assertEquals(200, api.send("GET", environment, null, "Bearer " + secret).status());

    // shown once: a fresh visit lists the token by its hint only
    driver.get(url("console/account/tokens.xhtml"));
    WebElement row = waitFor(By.cssSelector("#token-table .token-row"));
    assertTrue(row.getText().contains("console script"), row.getText());
    assertTrue(row.getText().contains(secret.substring(0, 8)), row.getText());
    assertFalse(driver.getPageSource().contains(secret), "the secret is not shown again");
    String expires = row.findElement(By.cssSelector("td.expires")).getText();
    assertTrue(expires.startsWith("2027-01-31"), "listed as the day entered: " + expires);
    assertFalse(expires.contains("2027-02-01"), expires);
    browser.audit("API tokens (list)");

    // Revoke asks first; Cancel keeps the token.
    row.findElement(By.cssSelector("input.revoke")).click();
    waitFor(By.cssSelector("input.confirm-revoke"));
    browser.screenshots("api-token-revoke-confirm");
    browser.audit("API tokens (confirm revoke)");
    driver.findElement(By.cssSelector("input.cancel-revoke")).click();
    waitFor(By.cssSelector("input.revoke"));
    assertEquals(200, api.send("GET", environment, null, "Bearer " + secret).status());
    driver.findElement(By.cssSelector("input.revoke")).click();
    waitFor(By.cssSelector("input.confirm-revoke")).click();
    waitFor(By.id("no-tokens"));
    assertEquals(401, api.send("GET", environment, null, "Bearer " + secret).status());
  }

  @Test
  void repeatedWrongPasswordsOnTheSignInPageAreThrottled() {
    Admin admin = Admin.create(api, "PRO");
    driver.get(url("console/login.xhtml"));
    WebElement message = null;
    for (int i = 0; i < 5; i++) {
      typeCredentials(admin.username(), "wrong-password-" + i);
      if (message != null) {
        browser.awaitGone(message, Duration.ofSeconds(30));
      }
      message = waitFor(By.cssSelector("#login\\:messages .error"));
      assertEquals("Wrong username or password", message.getText().strip());
    }
    typeCredentials(admin.username(), admin.password());
    browser.awaitGone(message, Duration.ofSeconds(30));
    String throttled = waitFor(By.cssSelector("#login\\:messages .error")).getText().strip();
    assertTrue(throttled.startsWith("Too many failed sign-ins. Try again in "), throttled);
    assertTrue(driver.findElements(By.id("signed-in-user")).isEmpty(), "not signed in");
    browser.screenshots("login-throttled");
    browser.audit("login (throttled)");
  }

  private void ingestHistory(Api.Tenant tenant) {
    Instant now = Instant.now();
    JsonArrayBuilder items = Json.createArrayBuilder();
    for (int c = 1; c <= 4; c++) {
      items.add(
          Json.createObjectBuilder()
              .add("type", "company")
              .add("companyId", "c" + c)
              .add("userId", "u" + c)
              .add("attributes", Json.createObjectBuilder().add("name", "Company " + c))
              .add("timestamp", now.minus(Duration.ofDays(80)).toString()));
      for (int day = 70; day >= 1; day -= c + 1) {
        items.add(
            Json.createObjectBuilder()
                .add("type", "event")
                .add("event", day % 2 == 0 ? "reports" : "alerts")
                .add("userId", "u" + c)
                .add("companyId", "c" + c)
                .add("timestamp", now.minus(Duration.ofDays(day)).toString()));
      }
    }
    Api.Answer answer =
        api.withKey(tenant.ingestionKey(), "/api/v1/track/bulk", items.build().toString());
    assertEquals(200, answer.status(), answer.body());
    assertEquals(0, answer.json().getInt("rejected"), answer.body());
  }

  private void typeCredentials(String username, String password) {
    WebElement user = waitFor(By.id("login:username"));
    user.clear();
    user.sendKeys(username);
    WebElement secret = driver.findElement(By.id("login:password"));
    secret.clear();
    secret.sendKeys(password);
    driver.findElement(By.id("login:signIn")).click();
  }

  private void assertNotFound(Admin other) {
    WebElement heading = waitFor(By.id("error-heading"));
    assertEquals("Not found", heading.getText().strip());
    String page = driver.getPageSource();
    assertFalse(page.contains(other.organization()), "no data of the other tenant");
    assertFalse(page.contains("Exception"), "no stack trace");
    assertTrue(driver.findElements(By.id("manual-export")).isEmpty());
  }

  /** The downloaded CSV of this environment and aggregation (other tests download too). */
  private Path awaitDownload(long environmentId, String aggregation) {
    return awaitDownload(environmentId, aggregation, false);
  }

  private Path awaitDownload(long environmentId, String aggregation, boolean parquet) {
    String prefix = "company-usage-production-" + environmentId + "-" + aggregation + "-";
    return browser
        .waiting(Duration.ofSeconds(60))
        .until(
            d ->
                browser.finishedDownloads().stream()
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.getFileName().toString().endsWith(parquet ? ".parquet" : ".csv"))
                    .findFirst()
                    .orElse(null));
  }

  private String attribute(By by, String name) {
    List<WebElement> found = driver.findElements(by);
    return found.isEmpty() ? null : found.get(0).getAttribute(name);
  }

  private WebElement waitFor(By by) {
    return browser.waitFor(by);
  }

  private String url(String path) {
    return ConsoleBrowser.url(base, path);
  }
}
