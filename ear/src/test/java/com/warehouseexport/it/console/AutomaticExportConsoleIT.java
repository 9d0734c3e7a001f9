package com.warehouseexport.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.s3.S3ProxyProcess;
import com.warehouseexport.it.Api;
import com.warehouseexport.it.Deployments;
import java.net.URL;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The automatic export section of the console in a real browser, against a real S3-compatible
 * server: the form adapts to the provider, wrong then right credentials give the right messages,
 * the secret is never rendered back, the status changes after a run, and plans gate the section.
 */
@ExtendWith(ArquillianExtension.class)
class AutomaticExportConsoleIT {

  static final String ACCESS_KEY = "console-access-key";
  static final String SECRET = "console-secret-never-shown";

  private static ConsoleBrowser browser;
  private static S3ProxyProcess s3;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;
  private ChromeDriver driver;

  @BeforeAll
  static void start() throws Exception {
    browser = ConsoleBrowser.open("AutomaticExportConsoleIT");
    s3 = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3.createBucket("console-bucket");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @BeforeEach
  void setUp() {
    api = new Api(base);
    driver = browser.signedOut(base);
  }

  @Test
  void enableWithWrongThenRightCredentialsAndSeeTheStatusAfterARun() throws Exception {
    Admin admin = newAdmin("ENTERPRISE");
    long env = admin.tenant().environmentId();
    signIn(admin.username(), admin.password());
    driver.get(url("console/environments/data-export.xhtml?env=" + env));
    waitFor(By.id("automatic-heading"));
    assertEquals("never ran before", driver.findElement(By.id("auto-status")).getText().strip());
    browser.audit("automatic export (AWS form)");

    // The form adapts to the provider: AWS shows one URL field, Custom shows bucket … endpoint.
    assertTrue(present(By.id("automatic:bucketUrl")));
    new Select(driver.findElement(By.id("automatic:provider"))).selectByValue("CUSTOM");
    waitFor(By.id("automatic:endpoint"));
    assertFalse(present(By.id("automatic:bucketUrl")));
    browser.audit("automatic export (custom provider form)");

    driver.findElement(By.id("automatic:enabled")).click();
    // Save with the fields empty: every missing one is reported at once, next to it, once, and
    // marked invalid for assistive technology.
    driver.findElement(By.id("automatic:save")).click();
    WebElement summary =
        browser
            .waiting(Duration.ofSeconds(30))
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#automatic\\:messages .error")));
    assertEquals(
        "Not saved: check the bucket, the endpoint, the access key ID and the secret access key"
            + " (see the message at each field).",
        summary.getText().strip());
    for (String field : List.of("bucket", "endpoint", "accessKeyId", "secretAccessKey")) {
      WebElement input = driver.findElement(By.id("automatic:" + field));
      assertEquals("true", input.getAttribute("aria-invalid"), field);
      String describedBy = input.getAttribute("aria-describedby");
      WebElement message = driver.findElement(By.id(field + "-error"));
      assertTrue(describedBy.contains(field + "-error"), field + ": " + describedBy);
      assertTrue(message.getText().startsWith("Enter the"), field + ": " + message.getText());
      assertEquals(
          1,
          driver.getPageSource().split(java.util.regex.Pattern.quote(message.getText()), -1).length
              - 1,
          "reported once: " + message.getText());
    }
    assertEquals(
        "false", driver.findElement(By.id("automatic:region")).getAttribute("aria-invalid"));
    browser.screenshots("automatic-export-missing-fields");
    browser.audit("automatic export (every missing field)");
    type("automatic:bucket", "console-bucket");
    type("automatic:region", "us-east-1");
    type("automatic:key", "console");
    type("automatic:endpoint", s3.endpoint().toString());
    type("automatic:accessKeyId", ACCESS_KEY);
    type("automatic:secretAccessKey", "not-the-secret");
    driver.findElement(By.id("automatic:save")).click();
    // Wait for this Save's answer, not the missing-fields summary still shown while it runs.
    browser
        .waiting(Duration.ofSeconds(30))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d ->
                d.findElement(By.id("secretAccessKey-error")).getText().contains("does not match"));
    WebElement error = waitFor(By.cssSelector("#automatic\\:messages .error"));
    assertTrue(error.getText().contains("secret access key"), error.getText());
    browser.screenshots("automatic-export-wrong-secret");
    browser.audit("automatic export (wrong secret)");
    assertEquals(
        200,
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-settings", null).status());
    assertFalse(
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-settings", null)
            .json()
            .getBoolean("configured"),
        "nothing saved after a failed check");

    type("automatic:secretAccessKey", SECRET);
    driver.findElement(By.id("automatic:save")).click();
    WebElement ok =
        browser
            .waiting(Duration.ofSeconds(30))
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#automatic\\:messages .info")));
    assertTrue(ok.getText().startsWith("Saved."), ok.getText());
    assertFalse(driver.getPageSource().contains(SECRET), "the secret is never rendered back");
    assertEquals(
        "",
        driver.findElement(By.id("automatic:secretAccessKey")).getAttribute("value"),
        "write-only");
    browser.screenshots("automatic-export-saved");
    browser.audit("automatic export (saved)");

    // A run of yesterday's period (operator API), then the status block says so.
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    Api.Answer run =
        api.asOperator(
            "POST", "/api/v1/environments/" + env + "/export-periods/" + yesterday, null);
    assertEquals(202, run.status(), run.body());
    api.awaitExport(run.json().getJsonNumber("executionId").longValue());
    driver.get(url("console/environments/data-export.xhtml?env=" + env));
    assertEquals("successful", waitFor(By.id("auto-status")).getText().strip());
    assertFalse(driver.findElement(By.id("auto-last-run")).getText().contains("—"));
    browser.screenshots("automatic-export-status");
    browser.audit("automatic export (status after a run)");
  }

  @Test
  void belowEnterpriseTheSectionExplainsThePlanAndHasNoForm() {
    Admin admin = newAdmin("PRO");
    signIn(admin.username(), admin.password());
    driver.get(url("console/environments/data-export.xhtml?env=" + admin.tenant().environmentId()));
    WebElement note = waitFor(By.id("automatic-plan-note"));
    assertTrue(note.getText().contains("Enterprise plan"), note.getText());
    assertFalse(present(By.id("automatic:save")));
    assertTrue(note.getText().contains("Enterprise adds"), note.getText());
    browser.audit("automatic export (Pro plan note)");

    // Deliveries says what Enterprise adds too, instead of a "Set up" link back to that note.
    driver.get(url("console/environments/deliveries.xhtml?env=" + admin.tenant().environmentId()));
    WebElement deliveries = waitFor(By.id("not-configured"));
    assertTrue(deliveries.getText().contains("Enterprise adds"), deliveries.getText());
    assertTrue(
        deliveries.findElements(By.cssSelector("a[href*='#automatic-export']")).isEmpty(),
        "no link leading back to the plan note");
    browser.audit("deliveries (Pro plan)");
  }

  /** An admin of a new organization whose environment has one back-dated event. */
  private Admin newAdmin(String plan) {
    Admin admin = Admin.create(api, plan);
    api.withKey(
        admin.tenant().ingestionKey(),
        "/api/v1/track/event",
        "{\"event\":\"alerts\",\"userId\":\"u\",\"companyId\":\"c\",\"timestamp\":\""
            + LocalDate.now(ZoneOffset.UTC).minusDays(3)
            + "T10:00:00Z\"}");
    return admin;
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
