package com.warehouseexport.web.security;

import com.warehouseexport.platform.DatabaseFailures;
import com.warehouseexport.security.AccountService;
import com.warehouseexport.security.tokens.ApiTokenService;
import com.warehouseexport.security.tokens.TokenSecrets;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * One mechanism, two ways in:
 *
 * <ul>
 *   <li>{@code /api/}: HTTP Basic or a personal API token ({@code Authorization: Bearer wxp_…}) for
 *       the operator/admin APIs; the ingestion API ({@code /api/v1/track/}) authenticates by
 *       ingestion key (also {@code Bearer}) in its resource instead and is left alone here.
 *       Unauthenticated API calls to protected resources get a JSON 401 with a Basic challenge (a
 *       Bearer one for browsers: {@link #challengeFor}); throttled ones a JSON 429 with {@code
 *       Retry-After} ({@link SignInThrottle}); no session.
 *   <li>everything else (the console): form sign-in backed by the HTTP session. The sign-in page
 *       calls {@code SecurityContext.authenticate} with the typed credential; a valid one is
 *       announced to the container, the session id is changed (session fixation) and the username
 *       kept in the session. Later requests are re-announced from the session as long as the
 *       account still exists (its role is read afresh each time). Unauthenticated requests for a
 *       protected console page are sent to the sign-in page, which afterwards returns to the page
 *       first asked for. A throttled sign-in is refused unchecked; the request attribute {@link
 *       #THROTTLED_SECONDS} tells the sign-in page how long to wait.
 * </ul>
 *
 * <p>Every answer carries the {@link SecurityHeaders}, also those written here.
 */
@ApplicationScoped
public class AuthenticationMechanism implements HttpAuthenticationMechanism {

  private static final Logger LOG = Logger.getLogger(AuthenticationMechanism.class.getName());

  /** Session attribute: the signed-in console user's username. */
  public static final String SESSION_CALLER = "com.warehouseexport.console.caller";

  /** Session attribute: the console page (path and query) asked for before signing in. */
  public static final String SESSION_ORIGINAL_URL = "com.warehouseexport.console.originalUrl";

  /** The sign-in page, relative to the context path. */
  public static final String LOGIN_PAGE = "/console/login.xhtml";

  /** Request attribute: seconds a throttled console sign-in must wait (a {@code Long}). */
  public static final String THROTTLED_SECONDS = "com.warehouseexport.console.throttledSeconds";

  /**
   * Request attribute: {@code Boolean.TRUE} when the caller signed in with a personal API token.
   */
  public static final String VIA_TOKEN = "com.warehouseexport.api.viaToken";

  @Inject private IdentityStoreHandler identityStores;
  @Inject private SignInThrottle throttle;
  @EJB private AccountService accounts;
  @EJB private ApiTokenService tokens;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    SecurityHeaders.apply(request, response);
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/v1/track/")) {
      return context.doNothing(); // ingestion keys are checked by the resource
    }
    try {
      if (path.startsWith("/api/")) {
        return api(request, response, context);
      }
      return console(request, response, context);
    } catch (RuntimeException e) {
      if (!DatabaseFailures.isUnavailable(e)) {
        throw e;
      }
      // A restart or outage of the database (PRODUCT.md §13): a 503 the client may retry, one
      // log line instead of a stack trace.
      LOG.warning(
          "Answered 503 to "
              + path
              + ": the database could not be reached ("
              + DatabaseFailures.describe(e)
              + ")");
      response.setHeader("Retry-After", "30");
      return json(request, response, 503, DatabaseFailures.FOR_CLIENTS);
    }
  }

  // ---------------------------------------------------------------- console: form + session

  private AuthenticationStatus console(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential =
        context.getAuthParameters() == null ? null : context.getAuthParameters().getCredential();
    if (context.isAuthenticationRequest() && credential != null) {
      return signIn(request, context, credential);
    }
    HttpSession session = request.getSession(false);
    String username = session == null ? null : (String) session.getAttribute(SESSION_CALLER);
    if (username != null) {
      Optional<AccountService.Caller> caller = accounts.caller(username);
      if (caller.isPresent()) {
        return context.notifyContainerAboutLogin(
            caller.get().username(), Set.of(caller.get().role().group()));
      }
      session.removeAttribute(SESSION_CALLER); // the account is gone
    }
    if (!context.isProtected()) {
      return context.doNothing();
    }
    return toSignIn(request, response, context);
  }

  private AuthenticationStatus signIn(
      HttpServletRequest request, HttpMessageContext context, Credential credential) {
    String username = credential instanceof UsernamePasswordCredential up ? up.getCaller() : null;
    Optional<Duration> wait = throttle.retryAfter(username, request.getRemoteAddr());
    if (wait.isPresent()) {
      request.setAttribute(THROTTLED_SECONDS, wait.get().toSeconds());
      return AuthenticationStatus.SEND_FAILURE;
    }
    CredentialValidationResult result = identityStores.validate(credential);
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      throttle.failed(username, request.getRemoteAddr());
      return AuthenticationStatus.SEND_FAILURE;
    }
    AuthenticationStatus status = context.notifyContainerAboutLogin(result);
    request.getSession(true);
    request.changeSessionId(); // against session fixation
    request.getSession().setAttribute(SESSION_CALLER, result.getCallerPrincipal().getName());
    return status;
  }

  private static AuthenticationStatus toSignIn(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String login = request.getContextPath() + LOGIN_PAGE;
    boolean ajax = "partial/ajax".equals(request.getHeader("Faces-Request"));
    if ("GET".equals(request.getMethod()) && !ajax) {
      String query = request.getQueryString();
      request
          .getSession(true)
          .setAttribute(
              SESSION_ORIGINAL_URL, request.getRequestURI() + (query == null ? "" : "?" + query));
    }
    if (ajax) {
      // A Faces ajax call (e.g. the progress poll) after the session ended: tell faces.js.
      try {
        response.setContentType("text/xml");
        response.setCharacterEncoding("UTF-8");
        response
            .getWriter()
            .write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + login
                    + "?expired=true\"/></partial-response>");
      } catch (IOException ignored) {
        // the client went away
      }
      return AuthenticationStatus.SEND_CONTINUE;
    }
    return context.redirect(login);
  }

  // ---------------------------------------------------------------- API: Basic or token

  private AuthenticationStatus api(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return token(authorization.substring(7).strip(), request, response, context);
    }
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).strip()),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return challenge(request, response, BASIC_REQUIRED);
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return challenge(request, response, BASIC_REQUIRED);
      }
      String username = decoded.substring(0, colon);
      String address = request.getRemoteAddr();
      Optional<Duration> wait = throttle.retryAfter(username, address);
      if (wait.isPresent()) {
        return tooManyFailures(request, response, wait.get());
      }
      CredentialValidationResult result =
          identityStores.validate(
              new UsernamePasswordCredential(username, new Password(decoded.substring(colon + 1))));
      if (result.getStatus() == CredentialValidationResult.Status.VALID) {
        return context.notifyContainerAboutLogin(result);
      }
      throttle.failed(username, address);
      return challenge(request, response, BASIC_REQUIRED);
    }
    if (context.isProtected()) {
      return challenge(request, response, BASIC_REQUIRED);
    }
    return context.doNothing();
  }

  private static final String BASIC_REQUIRED =
      "Sign in with HTTP Basic (a valid username and password) or a personal API token"
          + " (Authorization: Bearer wxp_…)";

  private AuthenticationStatus token(
      String token,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context) {
    String address = request.getRemoteAddr();
    Optional<Duration> wait = throttle.retryAfter(null, address);
    if (wait.isPresent()) {
      return tooManyFailures(request, response, wait.get());
    }
    Optional<AccountService.Caller> caller = tokens.verify(token, Instant.now());
    if (caller.isEmpty()) {
      throttle.failed(null, address);
      return challenge(
          request,
          response,
          TokenSecrets.looksLikeToken(token)
              ? "The API token is unknown, expired or revoked"
              : "Not a personal API token (they start with " + TokenSecrets.PREFIX + ")");
    }
    request.setAttribute(VIA_TOKEN, Boolean.TRUE);
    return context.notifyContainerAboutLogin(
        caller.get().username(), Set.of(caller.get().role().group()));
  }

  private static AuthenticationStatus challenge(
      HttpServletRequest request, HttpServletResponse response, String message) {
    response.setHeader("WWW-Authenticate", challengeFor(request));
    return json(request, response, 401, message);
  }

  /**
   * The {@code WWW-Authenticate} of an API 401. A browser is never sent a {@code Basic} challenge:
   * it would show a password dialog and then attach the password to every later request to this
   * server by itself, an ambient credential a foreign page could ride on. Browsers are recognized
   * by the headers every current one sends ({@code Sec-Fetch-Mode}, or {@code Origin}) or by asking
   * for HTML; they get a {@code Bearer} challenge, which no browser acts on. Scripts keep the
   * {@code Basic} challenge that clients waiting for one (wget, Java's {@code Authenticator}) need.
   * docs/security.md records the decision.
   */
  static String challengeFor(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    boolean browser =
        request.getHeader("Sec-Fetch-Mode") != null
            || request.getHeader("Origin") != null
            || (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/html"));
    return browser
        ? "Bearer realm=\"Warehouse Export\""
        : "Basic realm=\"Warehouse Export\", charset=\"UTF-8\"";
  }

  private static AuthenticationStatus tooManyFailures(
      HttpServletRequest request, HttpServletResponse response, Duration wait) {
    response.setHeader("Retry-After", Long.toString(wait.toSeconds()));
    return json(
        request,
        response,
        429,
        "Too many failed sign-ins from this address or for this account: try again in "
            + wait.toSeconds()
            + " s");
  }

  /**
   * A JSON refusal. The container then sends the status as an error, and its HTML page would
   * replace this body: the {@link AuthErrorServlet} error page writes the same JSON from the
   * message left in the request.
   */
  private static AuthenticationStatus json(
      HttpServletRequest request, HttpServletResponse response, int status, String msg) {
    request.setAttribute(AuthErrorServlet.MESSAGE, msg);
    try {
      response.setStatus(status);
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response
          .getWriter()
          .write(Json.createObjectBuilder().add("error", msg).addNull("field").build().toString());
    } catch (IOException ignored) {
      // the client went away
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
