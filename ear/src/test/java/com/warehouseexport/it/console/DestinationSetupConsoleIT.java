package com.warehouseexport.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.s3.S3ProxyProcess;
import com.warehouseexport.it.Api;
import com.warehouseexport.it.DenyingS3Front;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Setting up a bucket in the console as a first-time admin would (issue 22, PRODUCT.md §5 and §12),
 * in a real browser, through a {@link DenyingS3Front} playing the bucket policy: Save with a key
 * that may list but not write says exactly which permission is missing and saves nothing;
 * server-side field errors are all shown at once at their fields; once fixed, Save proves delivery,
 * the file layout preview shows where files land, Send a test file warns about a refused delete and
 * then succeeds, and Export now exports yesterday once (a second press says so). Every state is
 * audited (axe-core and the layout audit at 1280 and 390 px).
 */
@ExtendWith(ArquillianExtension.class)
class DestinationSetupConsoleIT {

  static final String ACCESS_KEY = "setup-access-key";
  static final String SECRET = "setup-secret-never-shown";
  static final String BUCKET = "setup-bucket";

  private static ConsoleBrowser browser;
  private static S3ProxyProcess s3;
  private static DenyingS3Front front;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;

  @BeforeAll
  static void start() throws Exception {
    browser = ConsoleBrowser.open("DestinationSetupConsoleIT");
    s3 = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3.createBucket(BUCKET);
    front = new DenyingS3Front(s3.port());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (front != null) {
      front.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void setUpABucketProveDeliverySendATestFileAndExportNow() {
    Api api = new Api(base);
    ChromeDriver driver = browser.driver;
    driver.manage().window().setSize(ConsoleBrowser.WIDE);
    Admin admin = Admin.create(api, "ENTERPRISE");
    long env = admin.tenant().environmentId();
    api.ingestOneCompany(admin.tenant(), LocalDate.now(ZoneOffset.UTC), 3, 2);
    browser.signIn(base, admin);
    driver.get(ConsoleBrowser.url(base, "console/environments/data-export.xhtml?env=" + env));
    browser.waitFor(By.id("automatic-heading"));
    assertFalse(present(driver, By.id("automatic:test-file")), "nothing to test before a save");
    assertFalse(present(driver, By.id("automatic:export-now")));

    new Select(driver.findElement(By.id("automatic:provider"))).selectByValue("CUSTOM");
    browser.waitFor(By.id("automatic:endpoint"));
    driver.findElement(By.id("automatic:enabled")).click();

    // Server-side field errors, all at once, each at its field.
    type("automatic:bucket", BUCKET);
    type("automatic:region", "not a region!");
    type("automatic:key", "setup");
    type("automatic:endpoint", "ftp://" + front.endpoint().getAuthority());
    type("automatic:accessKeyId", ACCESS_KEY);
    type("automatic:secretAccessKey", SECRET);
    driver.findElement(By.id("automatic:save")).click();
    WebElement summary = message("error", "Not saved");
    assertTrue(summary.getText().contains("the region and the endpoint"), summary.getText());
    for (String field : List.of("region", "endpoint")) {
      WebElement input = driver.findElement(By.id("automatic:" + field));
      assertEquals("true", input.getAttribute("aria-invalid"), field);
      assertTrue(input.getAttribute("aria-describedby").contains(field + "-error"), field);
      assertFalse(driver.findElement(By.id(field + "-error")).getText().isBlank(), field);
    }
    assertEquals(
        "false", driver.findElement(By.id("automatic:bucket")).getAttribute("aria-invalid"));
    browser.audit("destination setup (server-side field errors)");

    // A key that may list but not write: refused, naming s3:PutObject; nothing saved.
    front.deny("PUT");
    type("automatic:region", "us-east-1");
    type("automatic:endpoint", front.endpoint().toString());
    type("automatic:secretAccessKey", SECRET);
    driver.findElement(By.id("automatic:save")).click();
    WebElement denied = message("error", "s3:PutObject");
    assertFalse(denied.getText().contains("will land"), denied.getText());
    assertFalse(
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-settings", null)
            .json()
            .getBoolean("configured"),
        "nothing saved");
    browser.screenshots("destination-setup-put-denied");
    browser.audit("destination setup (write denied)");

    // Fixed: Save proves delivery.
    front.deny();
    type("automatic:secretAccessKey", SECRET);
    driver.findElement(By.id("automatic:save")).click();
    WebElement saved = message("info", "Saved.");
    assertTrue(saved.getText().contains("exports will land there"), saved.getText());
    String preview = browser.waitFor(By.id("layout-preview-key")).getText();
    assertTrue(
        preview.matches(
            "s3://"
                + BUCKET
                + "/setup/company-usage/daily/date=YYYY-MM-DD/company-usage-[a-z0-9-]+-"
                + env
                + "-YYYY-MM-DD\\.csv"),
        preview);
    browser.screenshots("destination-setup-saved");
    browser.audit("destination setup (saved, with the file layout)");

    // Send a test file while deletes are refused: a warning, then fixed: sent.
    front.deny("DELETE");
    browser.waitFor(By.id("automatic:test-file")).click();
    WebElement warning = message("warning", "s3:DeleteObject");
    assertTrue(warning.getText().contains("stays in the bucket"), warning.getText());
    browser.screenshots("destination-setup-test-file-warning");
    browser.audit("destination setup (test file: delete refused)");
    front.deny();
    browser.waitFor(By.id("automatic:test-file")).click();
    WebElement sent = message("info", "Test file sent.");
    assertTrue(sent.getText().contains("deleted again"), sent.getText());

    // Export now: yesterday, at once; a second press does not export it twice.
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    browser.waitFor(By.id("automatic:export-now")).click();
    WebElement exporting = message("info", "Exporting " + yesterday + " now");
    assertTrue(exporting.getText().contains("execution"), exporting.getText());
    browser.screenshots("destination-setup-export-now");
    browser.audit("destination setup (export now)");
    browser.waitFor(By.id("automatic:export-now")).click();
    WebElement second =
        browser
            .waiting(Duration.ofSeconds(30))
            .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
            .until(
                d -> {
                  for (WebElement m :
                      d.findElements(By.cssSelector("#automatic\\:messages .info"))) {
                    String text = m.getText();
                    if (text.contains("already running") || text.contains("already landed")) {
                      return m;
                    }
                  }
                  return null;
                });
    if (second.getText().contains("already landed")) {
      assertTrue(present(driver, By.id("automatic:export-again")), "offers an explicit re-export");
      browser.audit("destination setup (already landed, export again offered)");
    }
  }

  private WebElement message(String severity, String containing) {
    return browser.awaitMessage("automatic", severity, containing);
  }

  private void type(String id, String text) {
    browser.type(By.id(id), text);
  }

  private static boolean present(ChromeDriver driver, By by) {
    return !driver.findElements(by).isEmpty();
  }
}
