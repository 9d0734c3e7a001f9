package com.warehouseexport.export.destination.s3;

import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.export.s3.S3AccessException;
import com.warehouseexport.export.s3.S3ClientFactory;
import com.warehouseexport.export.s3.S3Credentials;
import com.warehouseexport.export.s3.S3Gateway;
import com.warehouseexport.export.s3.WriteProbe;
import com.warehouseexport.export.settings.ExportDestination;
import com.warehouseexport.export.settings.SettingsRejectedException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.UUID;

/**
 * Opens the customer's bucket: the one place an S3 client is built or leased for decrypted
 * credentials, with the server's SSRF guard for custom endpoints.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class BucketAccess {

  private final S3ClientFactory factory = new S3ClientFactory();

  @EJB private BucketClients clients;

  public BucketAccess() {}

  /** Outside the container (tests): uploads lease from {@code clients}. */
  BucketAccess(BucketClients clients) {
    this.clients = clients;
  }

  /**
   * Proves delivery with these settings (PRODUCT.md §5): lists the prefix, writes a test file under
   * {@code <key>/_warehouse-export/} and deletes it; throws a rejection naming the cause, the field
   * and the missing permission when listing or writing fails. A refused delete is not a rejection:
   * see {@link #probe}.
   */
  public void validate(S3Location location, S3Credentials credentials) {
    WriteProbe.Report report = probe(location, credentials);
    if (!report.written()) {
      throw new SettingsRejectedException(report.field(), report.message());
    }
  }

  /**
   * The write probe with these settings: ok, warning (written, the test file could not be deleted)
   * or failed; throws a rejection only when no client can be built (e.g. an endpoint the server
   * does not allow).
   */
  public WriteProbe.Report probe(S3Location location, S3Credentials credentials) {
    String key = WriteProbe.key(location.keyPrefix(), UUID.randomUUID());
    try (S3Gateway gateway =
        new S3Gateway(
            factory.createForValidation(
                location, credentials, S3ClientFactory.fromServerConfiguration()),
            location)) {
      return gateway.probeWrite(key, WriteProbe.body(Instant.now()));
    } catch (S3AccessException e) {
      throw new SettingsRejectedException(e.field(), e.getMessage());
    }
  }

  /**
   * A gateway for uploads to the destination (the caller closes it): its client is this node's for
   * the destination's endpoint ({@link BucketClients}), signing with the destination's credentials.
   */
  public S3Gateway open(ExportDestination destination) {
    return new S3Gateway(
        clients.lease(destination.location(), destination.credentials()), destination.location());
  }
}
