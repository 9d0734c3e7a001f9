package com.warehouseexport.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Settings → Environment: the environments the signed-in person may open. */
@Named
@RequestScoped
public class EnvironmentsView {

  @Inject private ConsolePages pages;

  private List<ConsolePages.EnvironmentChoice> environments;

  public List<ConsolePages.EnvironmentChoice> getEnvironments() {
    if (environments == null) {
      environments = pages.environments();
    }
    return environments;
  }
}
