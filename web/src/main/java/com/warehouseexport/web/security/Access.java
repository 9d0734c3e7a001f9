package com.warehouseexport.web.security;

import com.warehouseexport.api.v1.ApiException;
import com.warehouseexport.security.AccountService;
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

/**
 * Server-side authorization for every API call and page action: operators may act on every
 * organization; an org admin only on their own organization's environments. Another tenant's ids
 * answer 404, exactly as ids that do not exist.
 */
@RequestScoped
public class Access {

  @Inject private SecurityContext security;
  @EJB private AccountService accounts;
  @EJB private ProvisioningService provisioning;

  public AccountService.Caller caller() {
    if (security.getCallerPrincipal() == null) {
      throw new ApiException(401, "Sign in first");
    }
    return accounts
        .caller(security.getCallerPrincipal().getName())
        .orElseThrow(() -> new ApiException(401, "Sign in first"));
  }

  public AccountService.Caller requireOperator() {
    AccountService.Caller caller = caller();
    if (!caller.isOperator()) {
      throw new ApiException(403, "Only operators may do this");
    }
    return caller;
  }

  /** The environment, if the caller may see it; otherwise 404 as if it did not exist. */
  public Environment environment(long environmentId) {
    AccountService.Caller caller = caller();
    Environment environment;
    try {
      environment = provisioning.environment(environmentId);
    } catch (com.warehouseexport.tenancy.NotFoundException e) {
      environment = null;
    }
    if (environment == null
        || (!caller.isOperator()
            && !environment.getOrganization().getId().equals(caller.organizationId()))) {
      throw new ApiException(404, "Environment " + environmentId + " does not exist");
    }
    return environment;
  }
}
