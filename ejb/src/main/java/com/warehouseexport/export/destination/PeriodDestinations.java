package com.warehouseexport.export.destination;

import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.settings.ExportSettings;
import com.warehouseexport.export.settings.ExportSettingsService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** The destinations of automatic exports, by kind. */
@ApplicationScoped
public class PeriodDestinations {

  /** The kind of an environment without settings, and of settings saved before V16. */
  public static final String DEFAULT_KIND = ExportJob.DESTINATION_S3;

  @Inject @Any private Instance<PeriodDestination> all;
  @EJB private ExportSettingsService settings;

  /** The destination of {@code kind}; {@link IllegalArgumentException} when there is none. */
  public PeriodDestination of(String kind) {
    for (PeriodDestination destination : all) {
      if (destination.kind().equals(kind)) {
        return destination;
      }
    }
    throw new IllegalArgumentException("No export destination of kind '" + kind + "'");
  }

  /**
   * The destination kind of an environment's automatic exports ({@code s3} or {@code postgresql}),
   * as its settings name it: the one place that decides it. One destination per environment: the
   * chosen kind (the other kind's settings are kept, unused, until it is chosen again).
   */
  public String kindOf(long environmentId) {
    if (settings == null) { // constructed outside the container (unit tests of the scheduler)
      return DEFAULT_KIND;
    }
    return settings
        .settings(environmentId)
        .map(ExportSettings::getDestinationKind)
        .orElse(DEFAULT_KIND);
  }
}
