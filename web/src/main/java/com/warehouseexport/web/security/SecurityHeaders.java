package com.warehouseexport.web.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The security headers of every response (PRODUCT.md §9): {@code X-Content-Type-Options: nosniff}
 * and {@code Referrer-Policy: no-referrer} everywhere; pages (everything outside {@code /api/})
 * also get a {@code Content-Security-Policy} that allows scripts only from this origin (no inline
 * script or handler), {@code frame-ancestors 'none'} and {@code X-Frame-Options: DENY}; API answers
 * get {@code default-src 'none'}. Over HTTPS ({@link HttpServletRequest#isSecure()}: a TLS
 * listener, or {@code X-Forwarded-Proto: https} when the listener's {@code
 * proxy-address-forwarding} is on) {@code Strict-Transport-Security} is added; the {@code Secure}
 * session cookie comes from the {@code secure-cookie} handler in {@code
 * WEB-INF/undertow-handlers.conf}. The authentication mechanism applies the same headers to the
 * answers it writes itself.
 */
@WebFilter(
    urlPatterns = "/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.FORWARD})
public class SecurityHeaders extends HttpFilter {

  /** The policy of console pages. Inline styles stay allowed (the progress bar's width). */
  public static final String PAGE_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
          + " data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors"
          + " 'none'";

  /** The policy of API answers: they are data, never rendered. */
  public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    apply(request, response);
    chain.doFilter(request, response);
  }

  /** Sets the headers on {@code response}; idempotent. */
  public static void apply(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/")) {
      response.setHeader("Content-Security-Policy", API_POLICY);
    } else {
      response.setHeader("Content-Security-Policy", PAGE_POLICY);
      response.setHeader("X-Frame-Options", "DENY");
    }
    if (request.isSecure()) {
      response.setHeader("Strict-Transport-Security", "max-age=31536000");
    }
  }
}
