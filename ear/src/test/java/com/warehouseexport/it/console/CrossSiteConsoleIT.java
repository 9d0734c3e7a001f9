package com.warehouseexport.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.warehouseexport.it.Api;
import com.warehouseexport.it.Deployments;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The origin check (PRODUCT.md §9) in a real browser: the console's own forms and ajax calls, which
 * Chromium posts with this application's origin (or {@code Origin: null} under the pages' {@code
 * Referrer-Policy: no-referrer}), keep working end to end — sign in, rotate the ingestion key
 * (ajax), create a token; a form on another origin (a page served from another port of 127.0.0.1,
 * the same site, so the session cookie goes along) that posts to the console is refused with 403
 * and changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
class CrossSiteConsoleIT {

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
    browser = ConsoleBrowser.open("CrossSiteConsoleIT");
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
  void theConsoleStillWorksEndToEndWithTheOriginCheck() {
    Admin admin = Admin.create(api, "PRO");
    long env = admin.tenant().environmentId();
    String hint = keyHint(admin);
    browser.signIn(base, admin);

    driver.get(ConsoleBrowser.url(base, "console/environments/ingestion-key.xhtml?env=" + env));
    browser.waitFor(By.id("key:rotate")).click();
    browser.waitFor(By.id("key:confirm-rotate")).click();
    String newKey = browser.waitFor(By.id("ingestion-key-secret")).getText().strip();
    assertTrue(newKey.startsWith("wx_"), newKey);
    assertNotEquals(hint, keyHint(admin), "the ajax rotation went through");

    driver.get(ConsoleBrowser.url(base, "console/account/tokens.xhtml"));
    browser.waitFor(By.id("tokens:name")).sendKeys("from the console");
    driver.findElement(By.id("tokens:create")).click();
    assertTrue(browser.waitFor(By.id("token-secret")).getText().startsWith("wxp_"));
    Api.Answer tokens =
        api.send("GET", "/api/v1/tokens", null, Api.basic(admin.username(), admin.password()));
    assertEquals(1, tokens.json().getJsonArray("tokens").size(), tokens.body());
  }

  @Test
  void aFormOnAnotherOriginCannotPostToTheConsole() throws Exception {
    Admin admin = Admin.create(api, "PRO");
    browser.signIn(base, admin);
    String target = ConsoleBrowser.url(base, "console/account/tokens.xhtml");
    HttpServer foreign =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] page =
        ("<!doctype html><html><body><form id=f method=post action=\""
                + target
                + "\"><input name=tokens value=tokens><input name=\"tokens:name\" value=forged>"
                + "<input name=\"tokens:create\" value=Create><input"
                + " name=\"jakarta.faces.ViewState\" value=stateless>"
                + "<button id=go>go</button></form></body></html>")
            .getBytes(StandardCharsets.UTF_8);
    foreign.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
          }
        });
    foreign.start();
    try {
      driver.get("http://127.0.0.1:" + foreign.getAddress().getPort() + "/");
      browser.waitFor(By.id("go")).click();
      assertEquals("Not allowed", browser.waitFor(By.id("error-heading")).getText());
    } finally {
      foreign.stop(0);
    }
    Api.Answer tokens =
        api.send("GET", "/api/v1/tokens", null, Api.basic(admin.username(), admin.password()));
    assertEquals(0, tokens.json().getJsonArray("tokens").size(), tokens.body());
  }

  private String keyHint(Admin admin) {
    Api.Answer env =
        api.send(
            "GET",
            "/api/v1/environments/" + admin.tenant().environmentId(),
            null,
            Api.basic(admin.username(), admin.password()));
    assertEquals(200, env.status(), env.body());
    return env.json().getString("ingestionKeyHint");
  }
}
