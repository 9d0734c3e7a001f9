package com.warehouseexport.export.destination.s3;

import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.export.s3.S3AccessException;
import com.warehouseexport.export.s3.S3ClientFactory;
import com.warehouseexport.export.s3.S3Credentials;
import com.warehouseexport.export.s3.S3Gateway;
import com.warehouseexport.export.s3.ValidationResult;
import com.warehouseexport.export.settings.ExportDestination;
import com.warehouseexport.export.settings.SettingsRejectedException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * Opens the customer's bucket: the one place an S3 client is built from decrypted credentials, with
 * the server's SSRF guard for custom endpoints.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class BucketAccess {

  private final S3ClientFactory factory = new S3ClientFactory();

  /** Lists the bucket with these settings; throws a rejection naming the cause and field. */
  public void validate(S3Location location, S3Credentials credentials) {
    ValidationResult result;
    try (S3Gateway gateway =
        new S3Gateway(
            factory.createForValidation(
                location, credentials, S3ClientFactory.fromServerConfiguration()),
            location)) {
      result = gateway.validate();
    } catch (S3AccessException e) {
      throw new SettingsRejectedException(e.field(), e.getMessage());
    }
    if (!result.ok()) {
      throw new SettingsRejectedException(result.field(), result.message());
    }
  }

  /** A gateway for uploads to the destination (the caller closes it). */
  public S3Gateway open(ExportDestination destination) {
    return new S3Gateway(
        factory.create(
            destination.location(),
            destination.credentials(),
            S3ClientFactory.fromServerConfiguration()),
        destination.location());
  }
}
