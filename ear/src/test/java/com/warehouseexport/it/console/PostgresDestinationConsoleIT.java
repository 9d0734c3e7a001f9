package com.warehouseexport.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.s3.S3ProxyProcess;
import com.warehouseexport.it.Api;
import com.warehouseexport.it.Deployments;
import com.warehouseexport.it.Prerequisites;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The PostgreSQL table destination in the console, in a real browser, against a database of its own
 * on the local PostgreSQL (created and dropped here): choosing the destination shows its form,
 * missing fields are named, Test connection names a missing right at the user field and then says
 * the table is reachable, Save checks and stores it (the password never rendered back), Export now
 * starts the period and links to its run page, which shows it landing with the rows the table
 * holds; a second press offers to replace the period's rows in the table; the status says
 * successful. Screenshots and axe audits of each state.
 */
@ExtendWith(ArquillianExtension.class)
class PostgresDestinationConsoleIT {

  private static final String PASSWORD = "console-pg-password-never-shown";
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  private static final String DATABASE = "pgdest_console_" + SUFFIX;
  private static final String OWNER = "pgdest_console_owner_" + SUFFIX;
  private static final String LIMITED = "pgdest_console_limited_" + SUFFIX;
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

  private static ConsoleBrowser browser;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;
  private ChromeDriver driver;

  @BeforeAll
  static void start() throws Exception {
    Prerequisites.requirePostgres("PostgresDestinationConsoleIT");
    try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
      s.execute("CREATE ROLE " + OWNER + " LOGIN PASSWORD '" + PASSWORD + "'");
      s.execute("CREATE ROLE " + LIMITED + " LOGIN PASSWORD '" + PASSWORD + "'");
    }
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA warehouse AUTHORIZATION " + OWNER);
      s.execute("GRANT USAGE ON SCHEMA warehouse TO " + LIMITED);
    }
    browser = ConsoleBrowser.open("PostgresDestinationConsoleIT");
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (Prerequisites.postgresReachable()) {
      try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "postgres");
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        s.execute("DROP ROLE IF EXISTS " + OWNER);
        s.execute("DROP ROLE IF EXISTS " + LIMITED);
      }
    }
  }

  @BeforeEach
  void setUp() {
    api = new Api(base);
    driver = browser.signedOut(base);
  }

  @Test
  void setUpThePostgresTableTestTheConnectionSaveAndSeeARun() throws Exception {
    Admin admin = Admin.create(api, "ENTERPRISE");
    long env = admin.tenant().environmentId();
    api.ingestOneCompany(admin.tenant(), LocalDate.now(ZoneOffset.UTC), 20, 5);
    signIn(admin.username(), admin.password());
    driver.get(url("console/environments/data-export.xhtml?env=" + env));
    waitFor(By.id("automatic-heading"));

    new Select(driver.findElement(By.id("automatic:destinationKind"))).selectByValue("postgresql");
    waitFor(By.id("automatic:pgHost"));
    assertFalse(present(By.id("automatic:bucketUrl")), "the bucket form is hidden");
    assertTrue(present(By.id("automatic:testConnection")));
    browser.audit("automatic export (PostgreSQL table form)");

    driver.findElement(By.id("automatic:enabled")).click();
    driver.findElement(By.id("automatic:save")).click();
    WebElement summary = waitFor(By.cssSelector("#automatic\\:messages .error"));
    assertEquals(
        "Not saved: check the host, the database, the user and the password (see the message at"
            + " each field).",
        summary.getText().strip());
    assertEquals(
        "true", driver.findElement(By.id("automatic:pgHost")).getAttribute("aria-invalid"));

    type("automatic:pgHost", "127.0.0.1");
    type("automatic:pgPort", "5432");
    type("automatic:pgDatabase", DATABASE);
    type("automatic:pgSchema", "warehouse");
    type("automatic:pgUser", LIMITED);
    type("automatic:pgPassword", PASSWORD);
    new Select(driver.findElement(By.id("automatic:pgTlsMode"))).selectByValue("disable");
    driver.findElement(By.id("automatic:testConnection")).click();
    browser
        .waiting(Duration.ofSeconds(30))
        .until(d -> d.findElement(By.id("pgUser-error")).getText().contains("CREATE on schema"));
    assertEquals(
        "true", driver.findElement(By.id("automatic:pgUser")).getAttribute("aria-invalid"));
    assertFalse(driver.getPageSource().contains(PASSWORD), "never rendered back");
    browser.screenshots("postgres-destination-missing-right");
    browser.audit("automatic export (PostgreSQL: a right is missing)");

    type("automatic:pgUser", OWNER);
    type("automatic:pgPassword", PASSWORD);
    driver.findElement(By.id("automatic:testConnection")).click();
    WebElement ok = waitFor(By.cssSelector("#automatic\\:messages .info"));
    assertTrue(ok.getText().startsWith("Connected to postgresql://127.0.0.1:5432/"), ok.getText());
    browser.screenshots("postgres-destination-test-connection");

    type("automatic:pgPassword", PASSWORD);
    driver.findElement(By.id("automatic:save")).click();
    browser
        .waiting(Duration.ofSeconds(30))
        .until(
            d ->
                d.findElements(By.cssSelector("#automatic\\:messages .info")).stream()
                    .anyMatch(e -> e.getText().startsWith("Saved.")));
    assertFalse(driver.getPageSource().contains(PASSWORD), "never rendered back");
    assertEquals("", driver.findElement(By.id("automatic:pgPassword")).getAttribute("value"));
    browser.screenshots("postgres-destination-saved");
    browser.audit("automatic export (PostgreSQL saved)");

    // Export now, in the console: yesterday into the table; its run page shows it landing.
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    waitFor(By.id("automatic:export-now")).click();
    WebElement exporting = message("info", "Exporting " + yesterday + " now");
    assertTrue(exporting.getText().contains("execution"), exporting.getText());
    WebElement runLink = waitFor(By.id("export-now-run"));
    String href = runLink.getAttribute("href");
    assertTrue(
        href.contains("/console/environments/run.xhtml?env=" + env + "&id="), "run page: " + href);
    browser.screenshots("postgres-destination-export-now");
    browser.audit("automatic export (PostgreSQL, export now)");
    runLink.click();
    awaitRunStatus("Completed");
    assertTrue(
        driver.getCurrentUrl().contains("run.xhtml?env=" + env + "&id="), driver.getCurrentUrl());
    assertEquals(yesterday.toString(), text("run-period"));
    assertTrue(
        text("run-destination").contains("warehouse.company_usage"), text("run-destination"));
    long shownRows = Long.parseLong(text("run-rows").replaceAll("[^0-9]", ""));
    assertTrue(shownRows > 0, "rows written: " + text("run-rows"));
    assertEquals("none: the rows are in the table, not in a file", text("run-checksum"));
    assertFalse(driver.getPageSource().contains(PASSWORD), "never rendered back");
    browser.screenshots("postgres-destination-run-page");
    browser.audit("run page (PostgreSQL table, landed)");
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres", "postgres");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM warehouse.company_usage WHERE export_period = DATE '"
                    + yesterday
                    + "'")) {
      rs.next();
      assertEquals(shownRows, rs.getLong(1), "the table holds the rows the run page shows");
    }

    // A second press: it landed; re-exporting it replaces the period's rows in the table.
    driver.get(url("console/environments/data-export.xhtml?env=" + env));
    waitFor(By.id("automatic:export-now")).click();
    WebElement landed = message("info", "already landed");
    assertTrue(
        landed.getText().contains("replace the rows of " + yesterday + " in the table"),
        landed.getText());
    assertFalse(landed.getText().contains("file"), landed.getText());
    WebElement again = waitFor(By.id("automatic:export-again"));
    assertEquals(
        "Export again (replace the period’s rows in the table)", again.getAttribute("value"));
    browser.screenshots("postgres-destination-export-again");
    browser.audit("automatic export (PostgreSQL, already landed)");

    driver.get(url("console/environments/data-export.xhtml?env=" + env));
    assertEquals("successful", waitFor(By.id("auto-status")).getText().strip());
    assertEquals(
        "postgresql",
        new Select(driver.findElement(By.id("automatic:destinationKind")))
            .getFirstSelectedOption()
            .getAttribute("value"));
    assertEquals(OWNER, driver.findElement(By.id("automatic:pgUser")).getAttribute("value"));
    browser.screenshots("postgres-destination-status");
    browser.audit("automatic export (PostgreSQL, status after a run)");
  }

  @Test
  void aBucketAndATableAreListedEachWithItsOwnSwitchAndStatus() throws Exception {
    // PRODUCT.md §11: one destination of each kind; the console lists them.
    Admin admin = Admin.create(api, "ENTERPRISE");
    long env = admin.tenant().environmentId();
    String key = "console-both-key";
    String secret = "console-both-Secret/0123456789";
    try (S3ProxyProcess s3 = S3ProxyProcess.start(key, secret)) {
      s3.createBucket("both-bucket");
      Api.Answer table =
          api.asOperator(
              "PUT",
              "/api/v1/environments/" + env + "/export-settings",
              Json.createObjectBuilder()
                  .add("enabled", true)
                  .add("cadence", "daily")
                  .add(
                      "destination",
                      Json.createObjectBuilder()
                          .add("kind", "postgresql")
                          .add("host", "127.0.0.1")
                          .add("port", 5432)
                          .add("database", DATABASE)
                          .add("schema", "warehouse")
                          .add("user", OWNER)
                          .add("password", PASSWORD)
                          .add("tlsMode", "disable"))
                  .build()
                  .toString());
      assertEquals(200, table.status(), table.body());
      Api.Answer bucket =
          api.asOperator(
              "PUT",
              "/api/v1/environments/" + env + "/export-settings",
              Json.createObjectBuilder()
                  .add("enabled", true)
                  .add("cadence", "weekly")
                  .add("provider", "CUSTOM")
                  .add("bucket", "both-bucket")
                  .add("region", "us-east-1")
                  .add("key", "usage")
                  .add("endpoint", s3.endpoint().toString())
                  .add("accessKeyId", key)
                  .add("secretAccessKey", secret)
                  .build()
                  .toString());
      assertEquals(200, bucket.status(), bucket.body());

      signIn(admin.username(), admin.password());
      driver.get(url("console/environments/data-export.xhtml?env=" + env));
      waitFor(By.id("destinations"));
      assertEquals(2, driver.findElements(By.cssSelector("#destinations > li")).size());
      assertTrue(text("destination-s3").contains("both-bucket/usage"), text("destination-s3"));
      assertTrue(
          text("destination-postgresql").contains("warehouse.company_usage"),
          text("destination-postgresql"));
      assertEquals("On", text("destination-s3-switch"));
      assertEquals("On", text("destination-postgresql-switch"));
      assertEquals("never ran before", text("destination-s3-status"));
      // The form shows the destination saved last: the bucket, weekly.
      assertTrue(present(By.id("automatic:bucket")), "the bucket form");
      assertEquals(
          "weekly",
          driver
              .findElement(By.cssSelector("input[name='automatic:cadence']:checked"))
              .getAttribute("value"));
      browser.screenshots("destinations-both");
      browser.audit("automatic export (a bucket and a table)");

      // Manage the table: the form shows it, with its own schedule.
      driver.findElement(By.cssSelector("#destination-postgresql input[value='Manage']")).click();
      waitFor(By.id("automatic:pgHost"));
      assertEquals(OWNER, driver.findElement(By.id("automatic:pgUser")).getAttribute("value"));
      assertEquals(
          "daily",
          driver
              .findElement(By.cssSelector("input[name='automatic:cadence']:checked"))
              .getAttribute("value"));
      assertTrue(driver.findElement(By.id("automatic:enabled")).isSelected());

      // Switch the table off: the bucket stays on.
      driver
          .findElement(By.cssSelector("#destination-postgresql input[value='Switch off']"))
          .click();
      message("info", "The PostgreSQL table is switched off");
      assertEquals("Off", text("destination-postgresql-switch"));
      assertEquals("On", text("destination-s3-switch"));
      assertFalse(driver.findElement(By.id("automatic:enabled")).isSelected());
      JsonObject saved =
          api.asOperator("GET", "/api/v1/environments/" + env + "/export-settings", null).json();
      assertEquals(
          List.of("s3:true", "postgresql:false"),
          saved.getJsonArray("destinations").getValuesAs(JsonObject.class).stream()
              .map(d -> d.getString("kind") + ":" + d.getBoolean("enabled"))
              .toList());
      browser.screenshots("destinations-table-off");
      browser.audit("automatic export (the table switched off)");

      // And on again: its stored settings are checked again (connection and rights).
      driver
          .findElement(By.cssSelector("#destination-postgresql input[value='Switch on']"))
          .click();
      message("info", "The PostgreSQL table is switched on");
      assertEquals("On", text("destination-postgresql-switch"));
      assertFalse(driver.getPageSource().contains(PASSWORD), "never rendered back");
      assertFalse(driver.getPageSource().contains(secret), "never rendered back");

      // Deliveries of the table (the link follows the destination managed): its own calendar,
      // and tabs to the bucket's.
      driver.findElement(By.cssSelector("#auto-deliveries-link a")).click();
      waitFor(By.id("calendar-grid"));
      assertTrue(driver.getCurrentUrl().contains("destination=postgresql"), driver.getCurrentUrl());
      assertEquals(
          "page",
          driver.findElement(By.id("destination-tab-postgresql")).getAttribute("aria-current"));
      assertTrue(
          driver
              .findElement(By.cssSelector(".lead"))
              .getText()
              .contains("in the PostgreSQL table"));
      assertTrue(text("calendar-legend").contains("the period's rows are in the table"));
      browser.screenshots("deliveries-table-tab");
      browser.audit("deliveries (the table of two destinations)");
      driver.findElement(By.id("destination-tab-s3")).click();
      browser
          .waiting(Duration.ofSeconds(30))
          .until(d -> d.getCurrentUrl().contains("destination=s3"));
      waitFor(By.id("calendar-grid"));
      assertTrue(text("calendar-legend").contains("the file is in the bucket"));
      assertTrue(
          text("calendar-schedule").toLowerCase(java.util.Locale.ROOT).contains("weekly"),
          text("calendar-schedule"));
    }
  }

  /** Waits, without reloading (the run page refreshes itself), for the run's status. */
  private void awaitRunStatus(String status) {
    browser.awaitText(By.id("run-status"), status, Duration.ofSeconds(120));
  }

  private String text(String id) {
    return browser.text(By.id(id));
  }

  private WebElement message(String severity, String containing) {
    return browser.awaitMessage("automatic", severity, containing);
  }

  private void signIn(String username, String password) {
    browser.signIn(base, username, password);
  }

  private void type(String id, String text) {
    browser.type(By.id(id), text);
  }

  private boolean present(By by) {
    return browser.present(by);
  }

  private WebElement waitFor(By by) {
    return browser.waitFor(by);
  }

  private String url(String path) {
    return ConsoleBrowser.url(base, path);
  }
}
