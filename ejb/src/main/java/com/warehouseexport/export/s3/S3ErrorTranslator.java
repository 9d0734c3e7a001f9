package com.warehouseexport.export.s3;

import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.S3Provider;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Turns an S3 failure into one sentence an administrator can act on, attributed to the settings
 * field at fault. Pure: works on constructed exceptions. Messages never contain the secret access
 * key (the SDK never has it in its exceptions, and provider messages are only quoted for
 * unrecognised errors, where they say what the provider objected to).
 */
public final class S3ErrorTranslator {

  /** What was being attempted; decides the wording of permission problems. */
  public enum Operation {
    /** Listing the bucket to validate settings. */
    VALIDATE,
    /** Uploading an object. */
    WRITE,
    /** Reading or checking an object. */
    READ
  }

  /** Provider messages quoted in generic failures are cut to this length. */
  static final int MAX_PROVIDER_MESSAGE = 200;

  private static final Pattern EXPECTING_REGION =
      Pattern.compile("expecting '([a-zA-Z0-9-]+)'", Pattern.CASE_INSENSITIVE);
  private static final Pattern REGION_ELEMENT =
      Pattern.compile("region '([a-zA-Z0-9-]+)'", Pattern.CASE_INSENSITIVE);

  private S3ErrorTranslator() {}

  /**
   * @param error what the SDK threw (or anything else)
   * @param location where the request went
   * @param operation what was being attempted
   * @param elapsed how long the operation took until it failed (quoted for network failures)
   * @return a failure result, never ok
   */
  public static ValidationResult translate(
      Throwable error, S3Location location, Operation operation, Duration elapsed) {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(elapsed, "elapsed");
    AwsServiceException service = find(error, AwsServiceException.class);
    if (service != null) {
      return translateService(service, location, operation);
    }
    return S3NetworkErrors.translate(error, location, elapsed);
  }

  /** As {@link #translate}, wrapped in an exception whose message starts with {@code context}. */
  public static S3AccessException toException(
      String context, Throwable error, S3Location location, Operation operation, Duration elapsed) {
    ValidationResult result = translate(error, location, operation, elapsed);
    return new S3AccessException(result.field(), context + ": " + result.message(), error);
  }

  // ---------------------------------------------------------------- service errors

  private static ValidationResult translateService(
      AwsServiceException e, S3Location location, Operation operation) {
    String code = errorCode(e);
    int status = e.statusCode();
    String bucket = location.bucket();

    if ("InvalidAccessKeyId".equals(code)) {
      return ValidationResult.failure(
          ValidationResult.FIELD_ACCESS_KEY_ID,
          "The access key ID is not known to the storage provider.");
    }
    if ("SignatureDoesNotMatch".equals(code)) {
      return ValidationResult.failure(
          ValidationResult.FIELD_SECRET_ACCESS_KEY,
          "The secret access key does not match the access key ID.");
    }
    Optional<String> reportedRegion = reportedRegion(e);
    if (isWrongRegion(e, code, reportedRegion, location)) {
      return wrongRegion(location, reportedRegion.orElse(null));
    }
    if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
      return ValidationResult.failure(
          bucketField(location),
          "The bucket '"
              + bucket
              + "' does not exist"
              + where(location)
              + ": check the bucket name"
              + (location.provider() == S3Provider.AWS ? " in the bucket URL." : "."));
    }
    if ("AccessDenied".equals(code) || "AllAccessDisabled".equals(code)) {
      return ValidationResult.failure(null, accessDenied(location, operation));
    }
    if (isThrottledOrUnavailable(status, code)) {
      return ValidationResult.failure(
          null,
          "The storage provider"
              + where(location)
              + " is throttling requests or temporarily unavailable (HTTP "
              + status
              + (code == null || code.isBlank() ? "" : " " + code)
              + "); the export is tried again later.");
    }
    StringBuilder m = new StringBuilder("The storage provider refused the request (HTTP ");
    m.append(status);
    if (code != null && !code.isBlank()) {
      m.append(' ').append(code);
    }
    m.append(')');
    String providerMessage = providerMessage(e);
    if (providerMessage != null) {
      m.append(": ").append(providerMessage);
    }
    if (!m.toString().endsWith(".")) {
      m.append('.');
    }
    if (e.requestId() != null && !e.requestId().isBlank()) {
      m.append(" Request ID: ").append(e.requestId()).append('.');
    }
    return ValidationResult.failure(null, m.toString());
  }

  private static String accessDenied(S3Location location, Operation operation) {
    String bucket = location.bucket();
    switch (operation) {
      case WRITE:
        return "The credentials are valid but may not write to bucket '"
            + bucket
            + "': grant s3:PutObject and s3:AbortMultipartUpload"
            + prefixHint(location)
            + ".";
      case READ:
        return "The credentials are valid but may not read from bucket '"
            + bucket
            + "': grant s3:GetObject"
            + prefixHint(location)
            + ".";
      case VALIDATE:
      default:
        return "The credentials are valid but may not list bucket '"
            + bucket
            + "': grant s3:ListBucket and s3:PutObject"
            + prefixHint(location)
            + ".";
    }
  }

  private static String prefixHint(S3Location location) {
    return location.keyPrefix().isEmpty() ? "" : " for prefix '" + location.keyPrefix() + "/'";
  }

  private static boolean isWrongRegion(
      AwsServiceException e, String code, Optional<String> reportedRegion, S3Location location) {
    if (e.statusCode() == 301
        || "PermanentRedirect".equals(code)
        || "AuthorizationHeaderMalformed".equals(code)
        || "IllegalLocationConstraintException".equals(code)
        || "InvalidRegion".equals(code)) {
      return true;
    }
    return reportedRegion.isPresent()
        && !reportedRegion.get().equalsIgnoreCase(location.region())
        && (e.statusCode() == 400 || e.statusCode() == 403);
  }

  private static ValidationResult wrongRegion(S3Location location, String reportedRegion) {
    boolean aws = location.provider() == S3Provider.AWS;
    String field = aws ? ValidationResult.FIELD_BUCKET_URL : ValidationResult.FIELD_REGION;
    String message;
    if (reportedRegion != null) {
      message =
          "The bucket '"
              + location.bucket()
              + "' is in region '"
              + reportedRegion
              + "', not '"
              + location.region()
              + "': "
              + (aws
                  ? "use the bucket URL https://"
                      + location.bucket()
                      + ".s3."
                      + reportedRegion
                      + ".amazonaws.com"
                      + (location.keyPrefix().isEmpty() ? "" : "/" + location.keyPrefix())
                      + "."
                  : "set the region to '" + reportedRegion + "'.");
    } else {
      message =
          "The bucket '"
              + location.bucket()
              + "' is not in region '"
              + location.region()
              + "' (the provider did not say which region it is in): correct the "
              + (aws ? "region in the bucket URL." : "region.");
    }
    return ValidationResult.failure(field, message);
  }

  /** The region the provider names: header {@code x-amz-bucket-region}, else in the message. */
  static Optional<String> reportedRegion(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    if (details != null && details.sdkHttpResponse() != null) {
      Optional<String> header =
          details.sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
      if (header.isPresent() && !header.get().isBlank()) {
        return header;
      }
    }
    String message = details != null ? details.errorMessage() : null;
    if (message == null) {
      message = e.getMessage();
    }
    if (message != null) {
      Matcher expecting = EXPECTING_REGION.matcher(message);
      if (expecting.find()) {
        return Optional.of(expecting.group(1));
      }
      if (message.toLowerCase(Locale.ROOT).contains("must be addressed")) {
        Matcher region = REGION_ELEMENT.matcher(message);
        if (region.find()) {
          return Optional.of(region.group(1));
        }
      }
    }
    return Optional.empty();
  }

  private static String errorCode(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    return details == null ? null : details.errorCode();
  }

  private static String providerMessage(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String message = details == null ? null : details.errorMessage();
    if (message == null || message.isBlank()) {
      return null;
    }
    message = message.strip().replaceAll("\\s+", " ");
    return message.length() > MAX_PROVIDER_MESSAGE
        ? message.substring(0, MAX_PROVIDER_MESSAGE) + "…"
        : message;
  }

  /**
   * A provider's answer that says "not now" rather than "no": 5xx (InternalError, 503
   * ServiceUnavailable / SlowDown), throttling codes and request timeouts. The schedule retries
   * every failed export; these are expected to go away on their own.
   */
  static boolean isThrottledOrUnavailable(int status, String code) {
    return status >= 500
        || status == 429
        || "SlowDown".equals(code)
        || "RequestTimeout".equals(code)
        || "Throttling".equals(code)
        || "ThrottlingException".equals(code)
        || "RequestLimitExceeded".equals(code)
        || "ServiceUnavailable".equals(code)
        || "InternalError".equals(code);
  }

  /**
   * Whether the provider refused the request for want of a permission (AccessDenied, or a bare 403
   * that no other rule explains): the credentials are valid, a policy is missing.
   */
  public static boolean isAccessDenied(Throwable error) {
    AwsServiceException service = find(error, AwsServiceException.class);
    if (service == null) {
      return false;
    }
    String code = errorCode(service);
    if ("AccessDenied".equals(code) || "AllAccessDisabled".equals(code)) {
      return true;
    }
    return service.statusCode() == 403
        && (code == null || code.isBlank())
        && reportedRegion(service).isEmpty();
  }

  /**
   * Whether the failure is one this translator classifies — every answer of the provider (denied,
   * missing bucket, throttled, …) and every network failure (refused, timed out, unknown host,
   * broken off, TLS) — so it is logged as one line naming the cause, without a stack trace
   * (PRODUCT.md §10 "Logs"). Anything else (a bug, an unexpected SDK state) keeps its stack trace.
   */
  public static boolean isClassified(Throwable error) {
    if (error == null) {
      return false;
    }
    return find(error, AwsServiceException.class) != null
        || find(error, S3AccessException.class) != null
        || find(error, S3ClientFactory.EndpointRefusedException.class) != null
        || find(error, ApiCallTimeoutException.class) != null
        || find(error, ApiCallAttemptTimeoutException.class) != null
        || find(error, java.io.IOException.class) != null
        || S3NetworkErrors.isConnectTimeout(error)
        || S3NetworkErrors.isBrokenConnection(error);
  }

  /**
   * Whether a client-side failure is a connection that broke after it was established (broken pipe,
   * reset, no response) rather than a refusal, a timeout or a name that does not resolve.
   */
  public static boolean isBrokenConnection(Throwable error) {
    return S3NetworkErrors.isBrokenConnection(error);
  }

  /** The endpoint as an administrator configured it, or the AWS regional host. */
  static String endpointDescription(S3Location location) {
    if (location.endpoint() != null) {
      return location.endpoint().toString();
    }
    return "https://s3." + location.region() + ".amazonaws.com";
  }

  private static String where(S3Location location) {
    switch (location.provider()) {
      case AWS:
        return " in AWS region '" + location.region() + "'";
      case GCP:
        return " in Google Cloud Storage";
      case CUSTOM:
      default:
        return " at " + location.endpoint();
    }
  }

  private static String bucketField(S3Location location) {
    return location.provider() == S3Provider.AWS
        ? ValidationResult.FIELD_BUCKET_URL
        : ValidationResult.FIELD_BUCKET;
  }

  static String seconds(Duration elapsed) {
    double s = elapsed.toMillis() / 1000.0;
    return String.format(Locale.ROOT, "%.1f seconds", s);
  }

  static <T extends Throwable> T find(Throwable error, Class<T> type) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
