package com.warehouseexport.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic for the operator/admin APIs under {@code /api/}; the ingestion API ({@code
 * /api/v1/track/}) authenticates by ingestion key in its resource instead. Unauthenticated API
 * calls to protected resources get a JSON 401 with a Basic challenge.
 */
@ApplicationScoped
public class AuthenticationMechanism implements HttpAuthenticationMechanism {

  @Inject private IdentityStoreHandler identityStores;

  @Override
  public AuthenticationStatus validateRequest(
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
