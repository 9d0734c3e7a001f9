package com.warehouseexport.web.security;

import com.warehouseexport.platform.ServerSettings;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * No state change can be forged by a foreign web page (PRODUCT.md §9). For every POST, PUT, PATCH
 * and DELETE, before any servlet, resource or Faces action runs:
 *
 * <ul>
 *   <li>the request's {@code Origin}, or without it the origin of its {@code Referer}, must be this
 *       application's own origin (the scheme, host and port the request was addressed to, or the
 *       origin of {@code CONSOLE_URL}); another one is refused with 403. A request carrying neither
 *       (curl, SDKs, scripts) passes: browsers send {@code Origin} with every POST, PUT, PATCH and
 *       DELETE.
 *   <li>on the API ({@code /api/}), {@code Origin: null} (sandboxed frames, {@code data:} pages,
 *       pages with {@code Referrer-Policy: no-referrer}) is refused as well, and so are the content
 *       types a page can send without a CORS preflight — {@code application/x-www-form-urlencoded},
 *       {@code multipart/form-data} and {@code text/plain} — with 415. The API reads JSON only.
 *   <li>console pages send {@code Origin: null} themselves (their {@code Referrer-Policy:
 *       no-referrer} makes browsers do so), so there {@code null} counts as "no origin given": a
 *       console form is also protected by its server-side view state (a per-session token a foreign
 *       page cannot know) and the {@code SameSite=Lax} session cookie.
 * </ul>
 *
 * The ingestion API ({@code /api/v1/track/}) is left out: it is authenticated by the ingestion key
 * in the {@code Authorization} header, which a foreign page cannot make a browser send (only
 * through a CORS preflight, which this server never grants), so there is nothing ambient to forge.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class CrossSiteFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(CrossSiteFilter.class.getName());

  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** The content types a foreign page can send without a CORS preflight. */
  private static final Set<String> SIMPLE_TYPES =
      Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!STATE_CHANGING.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
      chain.doFilter(request, response);
      return;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/v1/track/")) {
      chain.doFilter(request, response);
      return;
    }
    boolean api = path.startsWith("/api/");
    Optional<String> refusal =
        originRefusal(
            request.getHeader("Origin"),
            request.getHeader("Referer"),
            ownOrigin(request),
            configuredOrigin(),
            api);
    if (refusal.isPresent()) {
      LOG.info(
          () ->
              "Refused a cross-site "
                  + request.getMethod()
                  + " "
                  + path
                  + " from "
                  + request.getRemoteAddr()
                  + ": "
                  + refusal.get());
      refuse(request, response, api, 403, refusal.get(), "Origin");
      return;
    }
    if (api && isSimpleContentType(request.getContentType())) {
      refuse(
          request,
          response,
          true,
          415,
          "The API reads JSON only: send Content-Type: application/json (form, multipart and"
              + " plain-text bodies are refused, so that no web page can forge a call)",
          "Content-Type");
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * Why a state-changing request's origin is refused, or empty if it is acceptable.
   *
   * @param origin the {@code Origin} header (may be null)
   * @param referer the {@code Referer} header, consulted only without {@code Origin}
   * @param own this application's origin as the request addressed it
   * @param configured the origin of {@code CONSOLE_URL}, or null
   * @param api whether the request is an API call ({@code Origin: null} refused)
   */
  static Optional<String> originRefusal(
      String origin, String referer, String own, String configured, boolean api) {
    String claimed = origin == null ? null : origin.strip();
    if (claimed != null && claimed.equals("null")) {
      return api ? Optional.of("Origin: null is not this application's origin") : Optional.empty();
    }
    String header = "Origin";
    if (claimed == null || claimed.isEmpty()) {
      if (referer == null || referer.isBlank()) {
        return Optional.empty(); // a script, not a browser
      }
      header = "Referer";
      claimed = origin(referer.strip());
      if (claimed == null) {
        return Optional.of("the Referer is not a URL of this application");
      }
    } else {
      claimed = origin(claimed);
    }
    if (claimed != null && (claimed.equals(own) || claimed.equals(configured))) {
      return Optional.empty();
    }
    return Optional.of(
        "the "
            + header
            + " is not this application's origin ("
            + own
            + "): cross-site requests may not change anything");
  }

  /** {@code scheme://host[:port]} of {@code url}, lower-case, default ports left out; or null. */
  static String origin(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      return origin(uri.getScheme(), uri.getHost(), uri.getPort());
    } catch (URISyntaxException e) {
      return null;
    }
  }

  static String origin(String scheme, String host, int port) {
    String s = scheme.toLowerCase(Locale.ROOT);
    boolean defaultPort =
        port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
    String h = host.toLowerCase(Locale.ROOT);
    if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
      h = "[" + h + "]"; // an IPv6 literal as the servlet reports it
    }
    return s + "://" + h + (defaultPort ? "" : ":" + port);
  }

  private static String ownOrigin(HttpServletRequest request) {
    return origin(request.getScheme(), request.getServerName(), request.getServerPort());
  }

  private static String configuredOrigin() {
    String url = ServerSettings.value("CONSOLE_URL", "warehouse.console-url");
    return url == null ? null : origin(url);
  }

  static boolean isSimpleContentType(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .strip()
            .toLowerCase(Locale.ROOT);
    return SIMPLE_TYPES.contains(type) || type.startsWith("multipart/");
  }

  private static void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      boolean api,
      int status,
      String message,
      String field)
      throws IOException {
    SecurityHeaders.apply(request, response);
    if (!api) {
      // a page of its own: the Faces error page would try to restore the forged form's view
      byte[] page =
          ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Not allowed"
                  + "</title></head><body><main><h1 id=\"error-heading\">Not allowed</h1><p>This"
                  + " form was sent from another site, so it was not carried out. Open the console"
                  + " and try again there.</p><p><a href=\""
                  + request.getContextPath()
                  + "/console/environments/index.xhtml\">Back to the console</a></p></main>"
                  + "</body></html>")
              .getBytes(StandardCharsets.UTF_8);
      response.setStatus(status);
      response.setContentType("text/html");
      response.setCharacterEncoding("UTF-8");
      response.setContentLength(page.length);
      response.getOutputStream().write(page);
      return;
    }
    byte[] body =
        Json.createObjectBuilder()
            .add("error", message)
            .add("field", field)
            .build()
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
