package com.warehouseexport.security;

import com.warehouseexport.errors.ForbiddenException;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/**
 * The one tenancy rule: operators may act on every organization, an org admin only on their own
 * organization's environments. Another tenant's ids answer "not found", exactly like ids that do
 * not exist, so ids cannot be probed.
 */
@Stateless
public class TenantAccess {

  @EJB private ProvisioningService provisioning;

  /** The environment, if the caller may see it; otherwise {@link NotFoundException}. */
  public Environment environment(AccountService.Caller caller, long environmentId) {
    Environment environment;
    try {
      environment = provisioning.environment(environmentId);
    } catch (NotFoundException e) {
      environment = null;
    }
    if (environment == null || !maySee(caller, environment)) {
      throw new NotFoundException("Environment " + environmentId + " does not exist");
    }
    return environment;
  }

  /** True if the caller may see (and act on) this environment. */
  public static boolean maySee(AccountService.Caller caller, Environment environment) {
    return caller.isOperator()
        || environment.getOrganization().getId().equals(caller.organizationId());
  }

  /** Throws {@link ForbiddenException} unless the caller is an operator. */
  public static void requireOperator(AccountService.Caller caller) {
    if (!caller.isOperator()) {
      throw new ForbiddenException("Only operators may do this");
    }
  }
}
