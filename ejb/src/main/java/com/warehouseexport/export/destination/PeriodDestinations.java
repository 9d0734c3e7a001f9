package com.warehouseexport.export.destination;

import com.warehouseexport.export.ExportJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** The destinations of automatic exports, by kind. */
@ApplicationScoped
public class PeriodDestinations {

  /** The kind of every destination configured today (job parameter {@code destination}). */
  public static final String DEFAULT_KIND = ExportJob.DESTINATION_S3;

  @Inject @Any private Instance<PeriodDestination> all;

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
   * The destination kind of an environment's automatic exports. One kind exists today; when a
   * second one is added, the environment's settings name it and this is the one place that reads
   * it.
   */
  public String kindOf(long environmentId) {
    return DEFAULT_KIND;
  }
}
