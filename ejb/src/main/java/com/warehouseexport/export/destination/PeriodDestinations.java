package com.warehouseexport.export.destination;

import com.warehouseexport.export.ExportJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The destinations of automatic exports, by kind. An environment has at most one of each kind
 * (PRODUCT.md §11); which ones it has and whether each is on is in its settings ({@code
 * ExportSettings#schedules}), and each period carries its kind ({@code PeriodId#destination}).
 */
@ApplicationScoped
public class PeriodDestinations {

  /** The kind of an environment without settings, and of actions that name none. */
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
}
