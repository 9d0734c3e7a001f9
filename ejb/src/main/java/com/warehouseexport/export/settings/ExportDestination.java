package com.warehouseexport.export.settings;

import com.warehouseexport.core.csv.OutputFormat;
import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.destination.DestinationSettings;
import com.warehouseexport.export.s3.S3Credentials;

/**
 * Where an environment's automatic exports go, with decrypted credentials: the settings of the S3
 * bucket destination. Built only for the moment an S3 client is created; never stored, logged or
 * put in a job parameter.
 */
public record ExportDestination(
    S3Location location, S3Credentials credentials, String objectSlug, OutputFormat format)
    implements DestinationSettings {

  @Override
  public String kind() {
    return ExportJob.DESTINATION_S3;
  }

  @Override
  public String toString() {
    return "ExportDestination["
        + location
        + ", credentials=***, slug="
        + objectSlug
        + ", format="
        + format.id()
        + "]";
  }
}
