package com.warehouseexport.web.security;

import com.warehouseexport.security.AccountService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * One mechanism, two ways in:
 *
 * <ul>
 *   <li>{@code /api/}: HTTP Basic for the operator/admin APIs; the ingestion API ({@code
 *       /api/v1/track/}) authenticates by ingestion key in its resource instead. Unauthenticated
 *       API calls to protected resources get a JSON 401 with a Basic challenge; no session.
 *   <li>everything else (the console): form sign-in backed by the HTTP session. The sign-in page
 *       calls {@code SecurityContext.authenticate} with the typed credential; a valid one is
 *       announced to the container, the session id is changed (session fixation) and the username
 *       kept in the session. Later requests are re-announced from the session as long as the
 *       account still exists (its role is read afresh each time). Unauthenticated requests for a
 *       protected console page are sent to the sign-in page, which afterwards returns to the page
 *       first asked for.
 * </ul>
 */
@ApplicationScoped
public class AuthenticationMechanism implements HttpAuthenticationMechanism {

  /** Session attribute: the signed-in console user's username. */
  public static final String SESSION_CALLER = "com.warehouseexport.console.caller";

  /** Session attribute: the console page (path and query) asked for before signing in. */
  public static final String SESSION_ORIGINAL_URL = "com.warehouseexport.console.originalUrl";

  /** The sign-in page, relative to the context path. */
  public static final String LOGIN_PAGE = "/console/login.xhtml";

  @Inject private IdentityStoreHandler identityStores;
  @EJB private AccountService accounts;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/")) {
      return api(request, response, context);
    }
    return console(request, response, context);
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
    CredentialValidationResult result = identityStores.validate(credential);
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
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

  // ---------------------------------------------------------------- API: HTTP Basic

  private AuthenticationStatus api(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).strip()),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return challenge(response, context);
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return challenge(response, context);
      }
      CredentialValidationResult result =
          identityStores.validate(
              new UsernamePasswordCredential(
                  decoded.substring(0, colon), new Password(decoded.substring(colon + 1))));
      if (result.getStatus() == CredentialValidationResult.Status.VALID) {
        return context.notifyContainerAboutLogin(result);
      }
      return challenge(response, context);
    }
    if (context.isProtected()) {
      return challenge(response, context);
    }
    return context.doNothing();
  }

  private static AuthenticationStatus challenge(
      HttpServletResponse response, HttpMessageContext context) {
    try {
      response.setStatus(401);
      response.setHeader("WWW-Authenticate", "Basic realm=\"Warehouse Export\"");
      response.setContentType("application/json");
      response
          .getWriter()
          .write(
              "{\"error\":\"Sign in with HTTP Basic: a valid username and password are required\","
                  + "\"field\":null}");
    } catch (java.io.IOException ignored) {
      // the client went away
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
