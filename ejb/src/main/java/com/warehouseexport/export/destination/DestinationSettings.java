package com.warehouseexport.export.destination;

/**
 * A destination's settings as they are validated before saving (each kind has its own fields; a
 * bucket's are its location and credentials).
 */
public interface DestinationSettings {

  /** The {@link PeriodDestination#kind()} these settings belong to. */
  String kind();
}
