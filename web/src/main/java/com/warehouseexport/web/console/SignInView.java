package com.warehouseexport.web.console;

import com.warehouseexport.web.security.AuthenticationMechanism;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** The sign-in form: hands the credential to the authentication mechanism, then goes on. */
@Named
@RequestScoped
public class SignInView {

  /** Where a signed-in person lands when no page was asked for. */
  static final String HOME = "/console/environments/index.xhtml";

  @Inject private SecurityContext security;

  private String username;
  private String password;
  private boolean expired;
  private boolean signedOut;

  /** View action: someone already signed in goes straight to the console. */
  public void load() throws IOException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    if (external.getRemoteUser() != null && !expired && !signedOut) {
      external.redirect(external.getRequestContextPath() + HOME);
    }
  }

  public void signIn() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    AuthenticationStatus status =
        security.authenticate(
            (HttpServletRequest) external.getRequest(),
            (HttpServletResponse) external.getResponse(),
            AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(
                    new UsernamePasswordCredential(
                        username == null ? "" : username.strip(),
                        new Password(password == null ? "" : password))));
    password = null;
    Object throttled = external.getRequestMap().get(AuthenticationMechanism.THROTTLED_SECONDS);
    if (throttled instanceof Long seconds) {
      external.setResponseStatus(429);
      external.setResponseHeader("Retry-After", Long.toString(seconds));
      ConsolePages.error(
          "Too many failed sign-ins. Try again in "
              + (seconds < 120 ? seconds + " seconds." : ((seconds + 59) / 60) + " minutes."));
      return;
    }
    switch (status) {
      case SUCCESS:
        external.redirect(target(external));
        break;
      case SEND_CONTINUE:
        faces.responseComplete();
        break;
      default:
        ConsolePages.error("Wrong username or password");
        break;
    }
  }

  /**
   * The page first asked for, if it is a console page; else (also for {@code /console/} itself,
   * which is no page) the environment picker.
   */
  private static String target(ExternalContext external) {
    String context = external.getRequestContextPath();
    HttpSession session = (HttpSession) external.getSession(false);
    Object saved =
        session == null ? null : session.getAttribute(AuthenticationMechanism.SESSION_ORIGINAL_URL);
    if (session != null) {
      session.removeAttribute(AuthenticationMechanism.SESSION_ORIGINAL_URL);
    }
    if (saved instanceof String url
        && url.startsWith(context + "/console/")
        && url.split("\\?", 2)[0].endsWith(".xhtml")
        && !url.contains("//")
        && !url.contains("\\")
        && !url.startsWith(context + AuthenticationMechanism.LOGIN_PAGE)) {
      return url;
    }
    return context + HOME;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public boolean isExpired() {
    return expired;
  }

  public void setExpired(boolean expired) {
    this.expired = expired;
  }

  public boolean isSignedOut() {
    return signedOut;
  }

  public void setSignedOut(boolean signedOut) {
    this.signedOut = signedOut;
  }
}
