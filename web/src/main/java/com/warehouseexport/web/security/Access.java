package com.warehouseexport.web.security;

import com.warehouseexport.errors.ForbiddenException;
import com.warehouseexport.errors.SignInRequiredException;
import com.warehouseexport.security.AccountService;
import com.warehouseexport.security.TenantAccess;
import com.warehouseexport.tenancy.Environment;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The signed-in caller of this request, for the API and the console alike, and the tenancy rule
 * applied to them ({@link TenantAccess}): another tenant's ids answer "not found", exactly as ids
 * that do not exist.
 */
@RequestScoped
public class Access {

  @Inject private SecurityContext security;
  @EJB private AccountService accounts;
  @EJB private TenantAccess tenants;
  @Inject private HttpServletRequest request;

  public AccountService.Caller caller() {
    if (security.getCallerPrincipal() == null) {
      throw new SignInRequiredException("Sign in first");
    }
    return accounts
        .caller(security.getCallerPrincipal().getName())
        .orElseThrow(() -> new SignInRequiredException("Sign in first"));
  }

  /** True when this request signed in with a personal API token (not a password). */
  public boolean viaToken() {
    return Boolean.TRUE.equals(request.getAttribute(AuthenticationMechanism.VIA_TOKEN));
  }

  /**
   * The caller, who must have signed in as a person (console or HTTP Basic): a personal API token
   * may not create or revoke tokens, so revoking a leaked token cuts off everything it reached.
   */
  public AccountService.Caller requirePerson(String action) {
    AccountService.Caller caller = caller();
    if (viaToken()) {
      throw new ForbiddenException(
          "A personal API token cannot "
              + action
              + ": only a person signed in with a password (console or HTTP Basic) can");
    }
    return caller;
  }

  public AccountService.Caller requireOperator() {
    AccountService.Caller caller = caller();
    TenantAccess.requireOperator(caller);
    return caller;
  }

  /** The environment, if the caller may see it; otherwise "not found". */
  public Environment environment(long environmentId) {
    return tenants.environment(caller(), environmentId);
  }
}
