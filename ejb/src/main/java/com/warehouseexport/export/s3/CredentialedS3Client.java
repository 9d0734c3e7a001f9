package com.warehouseexport.export.s3;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One customer's view of a shared S3 client ({@link SharedS3Clients}): every request it sends is
 * signed with this customer's credentials (the SDK's per-request credentials override), and closing
 * it releases the lease instead of closing the shared client.
 *
 * <p>It implements exactly the operations {@link S3Gateway} uses; the SDK's convenience overloads
 * ({@code deleteObject(r -> …)}, {@code getObjectAsBytes}, {@code listObjectsV2Paginator}) are
 * interface defaults that end in these. Any other operation is the interface's default, which
 * throws {@link UnsupportedOperationException}: nothing reaches the shared client unsigned (and the
 * shared client's own credentials provider refuses to sign, see {@link
 * SharedS3Clients#NO_CREDENTIALS}).
 */
final class CredentialedS3Client implements S3Client {

  private final S3Client shared;
  private final AwsCredentialsProvider credentials;
  private final Runnable release;
  private boolean closed;

  CredentialedS3Client(S3Client shared, AwsCredentialsProvider credentials, Runnable release) {
    this.shared = Objects.requireNonNull(shared, "shared");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.release = Objects.requireNonNull(release, "release");
  }

  /** {@code request} with this customer's credentials, other overrides kept. */
  @SuppressWarnings("unchecked")
  <R extends AwsRequest> R signed(R request) {
    AwsRequestOverrideConfiguration override =
        request
            .overrideConfiguration()
            .map(AwsRequestOverrideConfiguration::toBuilder)
            .orElseGet(AwsRequestOverrideConfiguration::builder)
            .credentialsProvider(credentials)
            .build();
    return (R) request.toBuilder().overrideConfiguration(override).build();
  }

  @Override
  public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
    return shared.listObjectsV2(signed(request));
  }

  @Override
  public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
    return shared.putObject(signed(request), body);
  }

  @Override
  public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
    return shared.deleteObject(signed(request));
  }

  @Override
  public HeadObjectResponse headObject(HeadObjectRequest request) {
    return shared.headObject(signed(request));
  }

  @Override
  public <T> T getObject(
      GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
    return shared.getObject(signed(request), transformer);
  }

  @Override
  public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request) {
    return shared.createMultipartUpload(signed(request));
  }

  @Override
  public UploadPartResponse uploadPart(UploadPartRequest request, RequestBody body) {
    return shared.uploadPart(signed(request), body);
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      CompleteMultipartUploadRequest request) {
    return shared.completeMultipartUpload(signed(request));
  }

  @Override
  public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
    return shared.abortMultipartUpload(signed(request));
  }

  @Override
  public S3ServiceClientConfiguration serviceClientConfiguration() {
    return shared.serviceClientConfiguration();
  }

  @Override
  public String serviceName() {
    return shared.serviceName();
  }

  /** Releases the lease (once); the shared client stays open for the next export. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      release.run();
    }
  }
}
