package com.warehouseexport.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

  private static HttpServletRequest request(String uri, boolean secure) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            SecurityHeadersTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getRequestURI" -> uri;
                  case "getContextPath" -> "";
                  case "isSecure" -> secure;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static Map<String, String> headers(String uri, boolean secure) {
    Map<String, String> headers = new HashMap<>();
    HttpServletResponse response =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                SecurityHeadersTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("setHeader")) {
                    headers.put((String) args[0], (String) args[1]);
                    return null;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    SecurityHeaders.apply(request(uri, secure), response);
    return headers;
  }

  @Test
  void everyAnswerIsNosniffWithoutReferrer() {
    for (String uri : new String[] {"/api/v1/environments", "/console/login.xhtml", "/x.css"}) {
      Map<String, String> h = headers(uri, false);
      assertEquals("nosniff", h.get("X-Content-Type-Options"), uri);
      assertEquals("no-referrer", h.get("Referrer-Policy"), uri);
    }
  }

  @Test
  void pagesForbidInlineScriptAndFraming() {
    Map<String, String> h = headers("/console/environments/index.xhtml", false);
    String csp = h.get("Content-Security-Policy");
    assertTrue(csp.contains("script-src 'self';"), csp);
    assertFalse(csp.replaceAll(".*script-src([^;]*);.*", "$1").contains("unsafe"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertEquals("DENY", h.get("X-Frame-Options"));
  }

  @Test
  void apiAnswersAreNeverRendered() {
    Map<String, String> h = headers("/api/v1/exports/1", false);
    assertEquals("default-src 'none'; frame-ancestors 'none'", h.get("Content-Security-Policy"));
    assertNull(h.get("X-Frame-Options"));
  }

  @Test
  void hstsOnlyOverHttps() {
    assertNull(headers("/console/login.xhtml", false).get("Strict-Transport-Security"));
    assertEquals(
        "max-age=31536000", headers("/console/login.xhtml", true).get("Strict-Transport-Security"));
    assertEquals(
        "max-age=31536000", headers("/api/v1/environments", true).get("Strict-Transport-Security"));
  }
}
