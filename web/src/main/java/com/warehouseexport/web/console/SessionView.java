package com.warehouseexport.web.console;

import com.warehouseexport.security.AccountService;
import com.warehouseexport.tenancy.ProvisioningService;
import com.warehouseexport.web.security.AuthenticationMechanism;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/** The page header: who is signed in, and Sign out. */
@Named
@RequestScoped
public class SessionView {

  @Inject private ConsolePages pages;
  @EJB private ProvisioningService provisioning;

  private AccountService.Caller caller;
  private String organizationName;

  private AccountService.Caller current() {
    if (caller == null) {
      String user = FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
      if (user == null) {
        return null;
      }
      caller = pages.caller();
    }
    return caller;
  }

  public boolean isSignedIn() {
    return current() != null;
  }

  public String getUsername() {
    return current() == null ? "" : current().username();
  }

  public boolean isOperator() {
    return current() != null && current().isOperator();
  }

  /** "Operator", or "Admin · Acme Inc." */
  public String getRoleLabel() {
    AccountService.Caller c = current();
    if (c == null) {
      return "";
    }
    if (c.isOperator()) {
      return "Operator";
    }
    if (organizationName == null && c.organizationId() != null) {
      organizationName = provisioning.organization(c.organizationId()).getName();
    }
    return "Admin · " + organizationName;
  }

  public void signOut() throws IOException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    try {
      request.logout();
    } catch (ServletException e) {
      // the session is invalidated below anyway
    }
    external.invalidateSession();
    external.redirect(
        external.getRequestContextPath() + AuthenticationMechanism.LOGIN_PAGE + "?signedOut=true");
  }
}
