package com.warehouseexport.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CrossSiteFilterTest {

  private static final String OWN = "http://127.0.0.1:8080";
  private static final String CONSOLE = "https://console.example.com";

  private static boolean refused(String origin, String referer, boolean api) {
    return CrossSiteFilter.originRefusal(origin, referer, OWN, CONSOLE, api).isPresent();
  }

  @Test
  void scriptsWithoutOriginOrRefererPass() {
    assertFalse(refused(null, null, true));
    assertFalse(refused("", " ", true));
  }

  @Test
  void theOwnAndTheConfiguredOriginPass() {
    assertFalse(refused("http://127.0.0.1:8080", null, true));
    assertFalse(refused("HTTP://127.0.0.1:8080", null, true));
    assertFalse(refused("https://console.example.com", null, true));
    assertFalse(refused("https://console.example.com:443", null, true));
    assertFalse(refused(null, "http://127.0.0.1:8080/console/x.xhtml?a=b", true));
  }

  @Test
  void foreignOriginsAndReferersAreRefused() {
    assertTrue(refused("https://evil.example", null, true));
    assertTrue(refused("https://evil.example", null, false));
    assertTrue(refused("http://127.0.0.1:8081", null, true), "another port is another origin");
    assertTrue(refused("https://127.0.0.1:8080", null, true), "another scheme too");
    assertTrue(refused("http://127.0.0.1:8080.evil.example", null, true));
    assertTrue(refused(null, "https://evil.example/page", false));
    assertTrue(refused(null, "not a url", true));
    assertTrue(
        refused("https://evil.example", "http://127.0.0.1:8080/", true),
        "Origin wins over Referer");
  }

  @Test
  void originNullIsRefusedOnTheApiOnly() {
    assertTrue(refused("null", null, true));
    assertFalse(refused("null", null, false));
  }

  @Test
  void formMultipartAndTextBodiesAreSimpleContentTypes() {
    assertTrue(CrossSiteFilter.isSimpleContentType("application/x-www-form-urlencoded"));
    assertTrue(CrossSiteFilter.isSimpleContentType("multipart/form-data; boundary=x"));
    assertTrue(CrossSiteFilter.isSimpleContentType("Text/Plain;charset=UTF-8"));
    assertFalse(CrossSiteFilter.isSimpleContentType("application/json"));
    assertFalse(CrossSiteFilter.isSimpleContentType(null));
  }

  @Test
  void originsAreNormalized() {
    assertEquals("http://h", CrossSiteFilter.origin("http", "H", 80));
    assertEquals("https://h:8443", CrossSiteFilter.origin("https", "h", 8443));
    assertEquals("http://[::1]:8080", CrossSiteFilter.origin("http", "::1", 8080));
    assertEquals("http://[::1]:8080", CrossSiteFilter.origin("http://[::1]:8080/x"));
  }
}
