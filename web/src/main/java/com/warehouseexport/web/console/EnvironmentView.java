package com.warehouseexport.web.console;

import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.Plan;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * What every environment page shares: the {@code env} URL parameter, checked on the server when the
 * page opens and again before every action (another tenant's id, or one that does not exist, ends
 * in the "not found" page), the breadcrumb and the environment switcher.
 */
public abstract class EnvironmentView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject protected ConsolePages pages;

  private String env;
  private Long environmentId;
  private String environmentName;
  private String organizationName;
  private Plan plan;
  private List<ConsolePages.EnvironmentChoice> choices;

  /** View action: loads the environment if the signed-in person may see it, else 404. */
  public void load() {
    Long id = parse(env);
    Optional<Environment> environment = pages.environment(id);
    if (environment.isEmpty()) {
      environmentId = null;
      ConsolePages.notFound();
      return;
    }
    Environment e = environment.get();
    environmentId = e.getId();
    environmentName = e.getName();
    organizationName = e.getOrganization().getName();
    plan = e.getOrganization().getPlan();
    choices = pages.environments();
    loaded();
  }

  /** Called after a successful {@link #load()}. */
  protected void loaded() {}

  /**
   * Before every action: the environment must still be visible to the caller (and its plan is read
   * afresh). Returns false, after sending the "not found" page, if it is not.
   */
  protected boolean recheck() {
    Optional<Environment> environment = pages.environment(environmentId);
    if (environment.isEmpty()) {
      ConsolePages.notFound();
      return false;
    }
    plan = environment.get().getOrganization().getPlan();
    return true;
  }

  private static Long parse(String text) {
    if (text == null || !text.matches("\\d{1,18}")) {
      return null;
    }
    return Long.valueOf(text);
  }

  public boolean isLoaded() {
    return environmentId != null;
  }

  public String getEnv() {
    return env;
  }

  public void setEnv(String env) {
    this.env = env;
  }

  public Long getEnvironmentId() {
    return environmentId;
  }

  public String getEnvironmentName() {
    return environmentName;
  }

  public String getOrganizationName() {
    return organizationName;
  }

  public String getPlanLabel() {
    if (plan == null) {
      return "";
    }
    switch (plan) {
      case ENTERPRISE:
        return "Enterprise";
      case PRO:
        return "Pro";
      default:
        return "Free";
    }
  }

  public boolean isManualExportAllowed() {
    return plan != null && plan.allowsManualExport();
  }

  public boolean isAutomaticExportAllowed() {
    return plan != null && plan.allowsAutomaticExport();
  }

  public List<ConsolePages.EnvironmentChoice> getChoices() {
    return choices == null ? List.of() : choices;
  }
}
