package com.warehouseexport.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * An org admin's own settings in a real browser: renaming a feature and changing its adoption
 * thresholds on the Features page, and rotating the ingestion key (confirmation, the new key shown
 * once, both keys' state).
 */
@ExtendWith(ArquillianExtension.class)
class AdminConsoleIT {

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
    browser = ConsoleBrowser.open("AdminConsoleIT");
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
  void renameAFeatureAndChangeItsThresholds() {
    Admin admin = Admin.create(api, "PRO");
    api.ingestOneCompany(admin.tenant(), LocalDate.now(ZoneOffset.UTC), 5, 1);
    long env = admin.tenant().environmentId();
    browser.signIn(base, admin);
    driver.get(url("console/environments/data-export.xhtml?env=" + env));
    waitFor(By.id("nav-features")).click();
    WebElement row = waitFor(By.cssSelector("tr[data-feature='alerts']"));
    browser.audit("features");
    WebElement name = row.findElement(By.cssSelector("input.feature-name"));
    assertEquals("alerts", name.getAttribute("value"));
    name.clear();
    name.sendKeys("Smart alerts");
    WebElement days = row.findElement(By.cssSelector("input.feature-days"));
    days.clear();
    days.sendKeys("3");
    // An unsaved edit in another row survives this row's Save.
    WebElement other =
        driver.findElement(By.cssSelector("tr[data-feature='reports'] input.feature-name"));
    other.clear();
    other.sendKeys("Reports, not saved yet");
    row.findElement(By.cssSelector("input.feature-save")).click();
    WebElement info = waitFor(By.cssSelector("#features\\:messages .info"));
    assertTrue(info.getText().contains("Smart alerts"), info.getText());
    assertEquals(
        "Reports, not saved yet",
        driver
            .findElement(By.cssSelector("tr[data-feature='reports'] input.feature-name"))
            .getAttribute("value"),
        "the other row keeps its unsaved edit");
    browser.screenshots("features-saved");
    browser.audit("features (saved)");
    browser.assertAddressSurvives("env=" + env);

    var stored =
        api.asOperator("GET", "/api/v1/environments/" + env + "/features", null)
            .structure()
            .asJsonArray()
            .get(0)
            .asJsonObject();
    assertEquals("alerts", stored.getString("key"));
    assertEquals("Smart alerts", stored.getString("name"));
    assertEquals(3, stored.getInt("adoptionDays"));

    // A threshold above the window is refused with the reason, and nothing is stored.
    row = waitFor(By.cssSelector("tr[data-feature='reports']"));
    days = row.findElement(By.cssSelector("input.feature-days"));
    days.clear();
    days.sendKeys("40");
    row.findElement(By.cssSelector("input.feature-save")).click();
    WebElement error = waitFor(By.cssSelector("#features\\:messages .error"));
    assertTrue(error.getText().contains("adoptionDays must be between 1"), error.getText());
    browser.audit("features (refused threshold)");
    assertEquals(
        5,
        api.asOperator("GET", "/api/v1/environments/" + env + "/features", null)
            .structure()
            .asJsonArray()
            .get(1)
            .asJsonObject()
            .getInt("adoptionDays"));
  }

  @Test
  void rotateTheIngestionKeyAfterConfirmingAndSeeItOnlyOnce() {
    Admin admin = Admin.create(api, "PRO");
    long env = admin.tenant().environmentId();
    String firstKey = admin.tenant().ingestionKey();
    browser.signIn(base, admin);
    driver.get(url("console/environments/ingestion-key.xhtml?env=" + env));
    assertTrue(
        waitFor(By.id("previous-key")).getText().contains("never been rotated"),
        driver.findElement(By.id("previous-key")).getText());
    assertTrue(
        driver.findElement(By.id("current-key")).getText().contains(tail(firstKey)),
        "the current key's hint ends like the key");
    assertFalse(driver.getPageSource().contains(firstKey), "the key itself is never shown");
    browser.audit("ingestion key");

    driver.findElement(By.id("key:rotate")).click();
    waitFor(By.id("key:confirm"));
    browser.screenshots("ingestion-key-confirm");
    browser.audit("ingestion key (confirm rotation)");
    driver.findElement(By.id("key:cancel-rotate")).click();
    waitFor(By.id("key:rotate"));
    assertEquals(202, track(firstKey), "Cancel rotated nothing");

    driver.findElement(By.id("key:rotate")).click();
    waitFor(By.id("key:confirm-rotate")).click();
    String newKey = waitFor(By.id("ingestion-key-secret")).getText().strip();
    assertTrue(newKey.startsWith("wx_"), newKey);
    assertTrue(
        driver.findElement(By.id("previous-key")).getText().contains("accepted"),
        driver.findElement(By.id("previous-key")).getText());
    browser.screenshots("ingestion-key-rotated");
    browser.audit("ingestion key (new key shown once)");
    driver.findElement(By.cssSelector("button.copy[data-copy='ingestion-key-secret']")).click();
    assertEquals(newKey, driver.executeScript("return window.getSelection().toString().trim();"));
    assertFalse(
        waitFor(By.id("ingestion-key-secret-copy-status")).getText().isBlank(),
        "the Copy button says what it did");
    assertEquals(202, track(newKey));
    assertEquals(202, track(firstKey), "the replaced key keeps working for 24 hours");
    browser.assertAddressSurvives("env=" + env);

    // Opened again, the page shows hints only.
    driver.get(url("console/environments/ingestion-key.xhtml?env=" + env));
    assertTrue(waitFor(By.id("current-key")).getText().contains(tail(newKey)));
    assertFalse(driver.getPageSource().contains(newKey), "the new key is shown only once");
    assertTrue(driver.findElements(By.id("ingestion-key-secret")).isEmpty());
  }

  @Test
  void stopARunningExportThenAbandonItAfterConfirming() {
    Admin admin = Admin.create(api, "PRO");
    long env = admin.tenant().environmentId();
    api.ingestOneCompany(admin.tenant(), LocalDate.now(ZoneOffset.UTC), 5, 1);
    // Slowed down by the test-only fault injection: each company takes 15 s to write.
    long execution =
        api.startExport(
            env,
            "{\"aggregation\":\"snapshot\",\"pausePerCompanyMillis\":15000,\"chunkCompanies\":1}");
    browser.signIn(base, admin);
    driver.get(url("console/environments/history.xhtml?env=" + env));
    WebElement row = waitFor(By.cssSelector("tr[data-execution='" + execution + "']"));
    row.findElement(By.cssSelector("input.stop")).click();
    // The note is part of the live block: there while the export stops, gone once it has stopped.
    WebElement note = waitFor(By.cssSelector("#history\\:live .stopping-note"));
    assertEquals(
        "Export "
            + execution
            + " is stopping: it ends after its current chunk and can be restarted.",
        note.getText());
    assertFalse(
        driver.findElement(By.id("history:messages")).getText().contains("is stopping"),
        "not a one-shot message that outlives the stop");
    browser.audit("history (stopping)");
    String marker = browser.markPage();
    browser.awaitText(
        By.cssSelector("tr[data-execution='" + execution + "'] .badge"),
        "Stopped",
        Duration.ofSeconds(60));
    browser.assertNotReloaded(marker, "stopped without a reload");
    assertTrue(
        driver.findElements(By.cssSelector(".stopping-note")).isEmpty(),
        "no 'stopping' once stopped");
    assertFalse(driver.findElement(By.tagName("main")).getText().contains("is stopping"));
    assertEquals("STOPPED", api.awaitExport(execution).getString("status"));

    driver.get(url("console/environments/history.xhtml?env=" + env));
    row = waitFor(By.cssSelector("tr[data-execution='" + execution + "']"));
    assertTrue(row.getText().contains("Stopped"), row.getText());
    browser.audit("history (stopped)");
    row.findElement(By.cssSelector("input.abandon")).click();
    WebElement confirm = waitFor(By.cssSelector("input.confirm-abandon"));
    browser.screenshots("history-abandon-confirm");
    browser.audit("history (confirm abandon)");
    confirm.click();
    WebElement info = waitFor(By.cssSelector("#history\\:messages .info"));
    assertTrue(info.getText().contains("abandoned"), info.getText());
    assertEquals(
        "ABANDONED",
        api.asOperator("GET", "/api/v1/exports/" + execution, null).json().getString("status"));
    browser.screenshots("history-abandoned");
    browser.audit("history (abandoned)");
    browser.assertAddressSurvives("env=" + env);

    // Paging: one export fits on page 1; page 2 is empty and links back to the newer page.
    assertTrue(driver.findElements(By.id("history-older")).isEmpty(), "no older page");
    driver.get(url("console/environments/history.xhtml?env=" + env + "&page=1"));
    assertEquals("Page 2", waitFor(By.id("history-page")).getText().strip());
    assertTrue(driver.findElements(By.cssSelector("tr[data-execution]")).isEmpty());
    browser.audit("history (page 2, empty)");
    waitFor(By.id("history-newer")).click();
    waitFor(By.cssSelector("tr[data-execution='" + execution + "']"));
  }

  private static String tail(String key) {
    return key.substring(key.length() - 4);
  }

  private int track(String key) {
    return api.withKey(
            key,
            "/api/v1/track/event",
            "{\"event\":\"alerts\",\"userId\":\"u\",\"companyId\":\"c\",\"timestamp\":\""
                + LocalDate.now(ZoneOffset.UTC).minusDays(1)
                + "T10:00:00Z\"}")
        .status();
  }

  private WebElement waitFor(By by) {
    return browser.waitFor(by);
  }

  private String url(String path) {
    return ConsoleBrowser.url(base, path);
  }
}
