package com.warehouseexport.export.destination.postgres;

import com.warehouseexport.core.postgres.PostgresTarget;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.destination.DestinationSettings;
import java.util.Objects;

/**
 * A PostgreSQL destination with its decrypted password: built only for the moment a connection is
 * opened; never stored, logged or put in a job parameter.
 */
public record PostgresDestinationSettings(PostgresTarget target, String password)
    implements DestinationSettings {

  public PostgresDestinationSettings {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String kind() {
    return ExportJob.DESTINATION_POSTGRESQL;
  }

  @Override
  public String toString() {
    return "PostgresDestinationSettings[" + target + ", password=***]";
  }
}
