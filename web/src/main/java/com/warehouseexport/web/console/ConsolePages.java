package com.warehouseexport.web.console;

import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.errors.SignInRequiredException;
import com.warehouseexport.security.AccountService;
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.ProvisioningService;
import com.warehouseexport.web.security.Access;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The console's server-side tenancy checks, on top of {@link Access}: which environments the
 * signed-in person may see, and the environment a page or action is about — another tenant's id
 * looks exactly like an id that does not exist.
 */
@RequestScoped
public class ConsolePages {

  /** An environment as the picker lists it. */
  public record EnvironmentChoice(long id, String name, String organization, String plan) {
    public String getLabel() {
      return organization + " · " + name;
    }
  }

  @Inject private Access access;
  @EJB private ProvisioningService provisioning;

  public AccountService.Caller caller() {
    return access.caller();
  }

  /** The environment if the caller may see it; empty for unknown and for other tenants' ids. */
  public Optional<Environment> environment(Long environmentId) {
    if (environmentId == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(access.environment(environmentId));
    } catch (NotFoundException | SignInRequiredException e) {
      return Optional.empty();
    }
  }

  /** Every environment the caller may see: all for operators, their organization's for admins. */
  public List<EnvironmentChoice> environments() {
    AccountService.Caller caller = caller();
    if (!caller.isOperator() && caller.organizationId() == null) {
      return List.of();
    }
    return provisioning.environments(caller.isOperator() ? null : caller.organizationId()).stream()
        .map(
            e ->
                new EnvironmentChoice(
                    e.getId(),
                    e.getName(),
                    e.getOrganization().getName(),
                    e.getOrganization().getPlan().name()))
        .toList();
  }

  /** Ends the request with the "not found" error page (HTTP 404). */
  public static void notFound() {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      faces.getExternalContext().responseSendError(404, "Not found");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    faces.responseComplete();
  }

  public static void info(String message) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
  }

  public static void error(String message) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
  }
}
