package com.warehouseexport.export.destination.s3;

import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.export.s3.S3ClientFactory;
import com.warehouseexport.export.s3.S3Credentials;
import com.warehouseexport.export.s3.SharedS3Clients;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * This node's upload clients ({@link SharedS3Clients}), closed when the application stops: one per
 * endpoint, each request signed with its customer's credentials.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BucketClients {

  /**
   * Endpoints kept: AWS customers share one client per region; each custom endpoint (a customer's
   * MinIO, an R2 account) has its own, the least recently used leaving first.
   */
  static final int CAPACITY = 64;

  private final SharedS3Clients clients = new SharedS3Clients(new S3ClientFactory(), CAPACITY);

  /** A client for uploads to {@code location} with these credentials (the caller closes it). */
  public S3Client lease(S3Location location, S3Credentials credentials) {
    return clients.lease(location, credentials);
  }

  @PreDestroy
  void close() {
    clients.close();
  }
}
