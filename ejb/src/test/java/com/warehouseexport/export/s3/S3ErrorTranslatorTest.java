package com.warehouseexport.export.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.S3Provider;
import com.warehouseexport.export.s3.S3ErrorTranslator.Operation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.http.HttpHost;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.HttpHostConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ErrorTranslatorTest {

  private static final S3Location AWS =
      new S3Location(S3Provider.AWS, "acme-exports", "us-east-1", "warehouse", null, false);
  private static final S3Location GCP =
      new S3Location(
          S3Provider.GCP,
          "acme-exports",
          "europe-west1",
          "",
          URI.create("https://storage.googleapis.com"),
          true);
  private static final S3Location CUSTOM =
      new S3Location(
          S3Provider.CUSTOM,
          "acme-exports",
          "auto",
          "",
          URI.create("https://account.eu.r2.cloudflarestorage.com"),
          true);
  private static final Duration TEN_SECONDS = Duration.ofMillis(10_040);

  private static S3Exception serviceError(int status, String code, String message) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .requestId("REQ123")
            .message(message)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(code)
                    .errorMessage(message)
                    .serviceName("S3")
                    .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build())
                    .build())
            .build();
  }

  private static ValidationResult validate(Throwable e, S3Location location) {
    return S3ErrorTranslator.translate(e, location, Operation.VALIDATE, TEN_SECONDS);
  }

  @Test
  void unknownAccessKey() {
    ValidationResult r =
        validate(serviceError(403, "InvalidAccessKeyId", "The AWS Access Key Id ..."), AWS);

    assertFalse(r.ok());
    assertEquals(ValidationResult.FIELD_ACCESS_KEY_ID, r.field());
    assertEquals("The access key ID is not known to the storage provider.", r.message());
  }

  @Test
  void wrongSecret() {
    ValidationResult r =
        validate(serviceError(403, "SignatureDoesNotMatch", "The request signature ..."), GCP);

    assertEquals(ValidationResult.FIELD_SECRET_ACCESS_KEY, r.field());
    assertEquals("The secret access key does not match the access key ID.", r.message());
  }

  @Test
  void accessDeniedNamesTheBucketAndThePermissions() {
    ValidationResult r = validate(serviceError(403, "AccessDenied", "Access Denied"), AWS);

    assertNull(r.field());
    assertEquals(
        "The credentials are valid but may not list bucket 'acme-exports': grant s3:ListBucket"
            + " and s3:PutObject for prefix 'warehouse/'.",
        r.message());
  }

  @Test
  void accessDeniedOnUploadAsksForWritePermission() {
    ValidationResult r =
        S3ErrorTranslator.translate(
            serviceError(403, "AccessDenied", "Access Denied"),
            CUSTOM,
            Operation.WRITE,
            TEN_SECONDS);

    assertTrue(r.message().contains("may not write to bucket 'acme-exports'"), r.message());
    assertTrue(r.message().contains("s3:PutObject"), r.message());
  }

  @Test
  void noSuchBucketBlamesTheBucketFieldOrTheAwsBucketUrl() {
    NoSuchBucketException e =
        (NoSuchBucketException)
            NoSuchBucketException.builder()
                .statusCode(404)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchBucket").build())
                .build();

    ValidationResult custom = validate(e, CUSTOM);
    ValidationResult aws = validate(e, AWS);

    assertEquals(ValidationResult.FIELD_BUCKET, custom.field());
    assertTrue(
        custom.message().startsWith("The bucket 'acme-exports' does not exist at https://account"));
    assertEquals(ValidationResult.FIELD_BUCKET_URL, aws.field());
    assertTrue(aws.message().contains("in AWS region 'us-east-1'"), aws.message());
    assertTrue(aws.message().endsWith("in the bucket URL."), aws.message());
  }

  @Test
  void noSuchBucketByErrorCodeOnly() {
    ValidationResult r = validate(serviceError(404, "NoSuchBucket", "no"), GCP);

    assertEquals(ValidationResult.FIELD_BUCKET, r.field());
  }

  @Test
  void permanentRedirectWithRegionHeaderNamesTheRegion() {
    S3Exception e =
        (S3Exception)
            S3Exception.builder()
                .statusCode(301)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("PermanentRedirect")
                        .sdkHttpResponse(
                            SdkHttpResponse.builder()
                                .statusCode(301)
                                .putHeader("x-amz-bucket-region", "eu-west-1")
                                .build())
                        .build())
                .build();

    ValidationResult r = validate(e, AWS);

    assertEquals(ValidationResult.FIELD_BUCKET_URL, r.field());
    assertEquals(
        "The bucket 'acme-exports' is in region 'eu-west-1', not 'us-east-1': use the bucket URL"
            + " https://acme-exports.s3.eu-west-1.amazonaws.com/warehouse.",
        r.message());
  }

  @Test
  void authorizationHeaderMalformedNamesTheExpectedRegion() {
    ValidationResult r =
        validate(
            serviceError(
                400,
                "AuthorizationHeaderMalformed",
                "The authorization header is malformed; the region 'europe-west1' is wrong;"
                    + " expecting 'us-central1'"),
            GCP);

    assertEquals(ValidationResult.FIELD_REGION, r.field());
    assertTrue(r.message().contains("is in region 'us-central1', not 'europe-west1'"), r.message());
    assertTrue(r.message().endsWith("set the region to 'us-central1'."), r.message());
  }

  @Test
  void wrongRegionWithoutAReportedRegion() {
    S3Exception e =
        (S3Exception)
            S3Exception.builder()
                .statusCode(301)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(301).build())
                        .build())
                .build();

    ValidationResult r = validate(e, CUSTOM);

    assertEquals(ValidationResult.FIELD_REGION, r.field());
    assertTrue(r.message().contains("is not in region 'auto'"), r.message());
    assertTrue(r.message().contains("did not say which region"), r.message());
  }

  @Test
  void unrecognisedServiceErrorQuotesStatusCodeMessageAndRequestId() {
    ValidationResult r =
        validate(serviceError(409, "OperationAborted", "A conflicting operation is running"), AWS);

    assertNull(r.field());
    assertEquals(
        "The storage provider refused the request (HTTP 409 OperationAborted): A conflicting"
            + " operation is running. Request ID: REQ123.",
        r.message());
  }

  @Test
  void throttlingAndServerErrorsSayTheyAreRetried() {
    ValidationResult r = validate(serviceError(503, "SlowDown", "Please reduce your rate"), AWS);

    assertNull(r.field());
    assertEquals(
        "The storage provider in AWS region 'us-east-1' is throttling requests or temporarily"
            + " unavailable (HTTP 503 SlowDown); the export is tried again later.",
        r.message());
  }

  @Test
  void longProviderMessagesAreCut() {
    ValidationResult r = validate(serviceError(400, "InvalidRequest", "x".repeat(1000)), AWS);

    assertTrue(r.message().length() < 400, r.message());
    assertTrue(r.message().contains("…"), r.message());
  }

  @Test
  void connectionRefusedSaysSoAndHowLongItTook() throws Exception {
    HttpHostConnectException refused =
        new HttpHostConnectException(
            new ConnectException("Connection refused"),
            new HttpHost("account.eu.r2.cloudflarestorage.com", 443),
            InetAddress.getByAddress(new byte[] {93, (byte) 184, 2, 34}));
    SdkClientException e =
        SdkClientException.builder()
            .message("Unable to execute HTTP request: " + refused.getMessage())
            .cause(refused)
            .build();

    ValidationResult r = validate(e, CUSTOM);

    assertEquals(ValidationResult.FIELD_ENDPOINT, r.field());
    assertEquals(
        "The endpoint https://account.eu.r2.cloudflarestorage.com is unreachable: the connection"
            + " was refused (gave up after 10.0 seconds); check the endpoint's host and port.",
        r.message());
  }

  @Test
  void unknownHostOnAwsPointsAtTheBucketUrl() {
    SdkClientException e =
        SdkClientException.builder()
            .message("Unable to execute HTTP request")
            .cause(new UnknownHostException("s3.us-east-1.amazonaws.com"))
            .build();

    ValidationResult r = validate(e, AWS);

    assertEquals(ValidationResult.FIELD_BUCKET_URL, r.field());
    assertTrue(r.message().contains("https://s3.us-east-1.amazonaws.com"), r.message());
    assertTrue(r.message().contains("does not resolve (unknown host)"), r.message());
  }

  @Test
  void unknownHostOnGcpBlamesNoField() {
    SdkClientException e =
        SdkClientException.builder()
            .cause(new UnknownHostException("storage.googleapis.com"))
            .build();

    ValidationResult r = validate(e, GCP);

    assertNull(r.field());
    assertTrue(r.message().contains("unknown host"), r.message());
  }

  @Test
  void connectTimeout() {
    SdkClientException e =
        SdkClientException.builder()
            .cause(new ConnectTimeoutException("Connect to host:443 failed: connect timed out"))
            .build();

    ValidationResult r = validate(e, CUSTOM);

    assertEquals(ValidationResult.FIELD_ENDPOINT, r.field());
    assertTrue(r.message().contains("the connection timed out (gave up after 10.0 seconds)"));
  }

  @Test
  void readTimeoutAndApiCallTimeoutSayTheEndpointDidNotAnswer() {
    SdkClientException read =
        SdkClientException.builder().cause(new SocketTimeoutException("Read timed out")).build();
    ApiCallTimeoutException call =
        ApiCallTimeoutException.builder().message("Client execution did not complete").build();

    for (Throwable e : new Throwable[] {read, call}) {
      ValidationResult r = validate(e, CUSTOM);
      assertEquals(ValidationResult.FIELD_ENDPOINT, r.field());
      assertTrue(r.message().contains("did not answer in time (gave up after 10.0 seconds)"));
    }
  }

  @Test
  void guardRefusalAtConnectionTimeQuotesTheGuard() {
    SdkClientException e =
        SdkClientException.builder()
            .cause(
                new S3ClientFactory.EndpointRefusedException(
                    "evil.example",
                    "The endpoint host 'evil.example' resolves to 10.0.0.1, a private address"))
            .build();

    ValidationResult r = validate(e, CUSTOM);

    assertEquals(ValidationResult.FIELD_ENDPOINT, r.field());
    assertTrue(r.message().contains("may not be used"), r.message());
    assertTrue(r.message().contains("10.0.0.1, a private address"), r.message());
  }

  @Test
  void brokenConnectionIsNotCalledUnreachable() {
    SdkClientException e =
        SdkClientException.builder()
            .message("Unable to execute HTTP request: Broken pipe")
            .cause(new SocketException("Broken pipe"))
            .build();

    assertTrue(S3ErrorTranslator.isBrokenConnection(e));
    ValidationResult r = validate(e, CUSTOM);
    assertTrue(r.message().contains("broke off during the request"), r.message());
    assertTrue(r.message().endsWith(": Broken pipe."), r.message());
  }

  @Test
  void refusalsTimeoutsAndServiceErrorsAreNotBrokenConnections() {
    assertFalse(
        S3ErrorTranslator.isBrokenConnection(
            SdkClientException.builder().cause(new ConnectException("refused")).build()));
    assertFalse(
        S3ErrorTranslator.isBrokenConnection(
            SdkClientException.builder()
                .cause(new SocketTimeoutException("Read timed out"))
                .build()));
    assertFalse(S3ErrorTranslator.isBrokenConnection(serviceError(403, "AccessDenied", "no")));
  }

  @Test
  void anythingElseIsStillAFailureWithAMessage() {
    ValidationResult r = validate(new IOException("something odd"), CUSTOM);

    assertFalse(r.ok());
    assertTrue(r.message().contains("something odd"), r.message());
  }

  @Test
  void toExceptionPrefixesTheContextAndKeepsTheField() {
    S3AccessException e =
        S3ErrorTranslator.toException(
            "Uploading 'k' failed",
            serviceError(403, "SignatureDoesNotMatch", "sig"),
            CUSTOM,
            Operation.WRITE,
            TEN_SECONDS);

    assertEquals(ValidationResult.FIELD_SECRET_ACCESS_KEY, e.field());
    assertEquals(
        "Uploading 'k' failed: The secret access key does not match the access key ID.",
        e.getMessage());
    assertEquals(ValidationResult.FIELD_SECRET_ACCESS_KEY, e.toValidationResult().field());
  }
}
