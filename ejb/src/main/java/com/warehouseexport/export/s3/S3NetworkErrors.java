package com.warehouseexport.export.s3;

import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.S3Provider;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * The network half of {@link S3ErrorTranslator}: failures before or without an answer of the
 * provider (refused, timed out, unknown host, TLS, a connection that broke off), each as one
 * sentence naming the endpoint and how long the attempt took. Pure.
 */
final class S3NetworkErrors {

  private S3NetworkErrors() {}

  static ValidationResult translate(Throwable error, S3Location location, Duration elapsed) {
    String target = S3ErrorTranslator.endpointDescription(location);
    String after = " (gave up after " + S3ErrorTranslator.seconds(elapsed) + ")";
    String endpointField = S3ClientFactory.fieldForEndpoint(location);

    S3ClientFactory.EndpointRefusedException refused =
        S3ErrorTranslator.find(error, S3ClientFactory.EndpointRefusedException.class);
    if (refused != null) {
      return ValidationResult.failure(
          endpointField, "The endpoint " + target + " may not be used: " + refused.reason() + ".");
    }
    if (S3ErrorTranslator.find(error, ApiCallTimeoutException.class) != null
        || S3ErrorTranslator.find(error, ApiCallAttemptTimeoutException.class) != null
        || isReadTimeout(error)) {
      return ValidationResult.failure(
          endpointField,
          "The endpoint "
              + target
              + " accepted the connection but did not answer in time"
              + after
              + ": check the endpoint and that the storage service is up.");
    }
    if (isConnectTimeout(error)) {
      return ValidationResult.failure(
          endpointField,
          "The endpoint "
              + target
              + " is unreachable: the connection timed out"
              + after
              + "; check the endpoint and the server's firewall.");
    }
    UnknownHostException unknownHost = S3ErrorTranslator.find(error, UnknownHostException.class);
    if (unknownHost != null) {
      boolean aws = location.provider() == S3Provider.AWS;
      return ValidationResult.failure(
          aws ? ValidationResult.FIELD_BUCKET_URL : endpointField,
          "The endpoint "
              + target
              + " is unreachable: its host name does not resolve (unknown host)"
              + after
              + (aws ? "; check the region in the bucket URL." : "; check the endpoint."));
    }
    if (S3ErrorTranslator.find(error, ConnectException.class) != null
        || S3ErrorTranslator.find(error, NoRouteToHostException.class) != null) {
      return ValidationResult.failure(
          endpointField,
          "The endpoint "
              + target
              + " is unreachable: the connection was refused"
              + after
              + "; check the endpoint's host and port.");
    }
    SSLException ssl = S3ErrorTranslator.find(error, SSLException.class);
    if (ssl != null) {
      return ValidationResult.failure(
          endpointField,
          "A secure connection to the endpoint "
              + target
              + " failed: "
              + ssl.getMessage()
              + "; check that the endpoint's certificate is valid for its host name.");
    }
    if (isBrokenConnection(error)) {
      return ValidationResult.failure(
          null,
          "The connection to the storage provider at "
              + target
              + " broke off during the request"
              + after
              + ": "
              + rootMessage(error)
              + ".");
    }
    String message = error.getMessage();
    return ValidationResult.failure(
        null,
        "The storage provider at "
            + target
            + " could not be reached"
            + after
            + ": "
            + (message == null ? error.getClass().getSimpleName() : message));
  }

  /**
   * Whether a client-side failure is a connection that broke after it was established (broken pipe,
   * reset, no response) rather than a refusal, a timeout or a name that does not resolve.
   */
  static boolean isBrokenConnection(Throwable error) {
    if (S3ErrorTranslator.find(error, AwsServiceException.class) != null
        || S3ErrorTranslator.find(error, ConnectException.class) != null
        || S3ErrorTranslator.find(error, NoRouteToHostException.class) != null
        || S3ErrorTranslator.find(error, UnknownHostException.class) != null
        || S3ErrorTranslator.find(error, SocketTimeoutException.class) != null
        || S3ErrorTranslator.find(error, ApiCallTimeoutException.class) != null
        || S3ErrorTranslator.find(error, ApiCallAttemptTimeoutException.class) != null
        || isConnectTimeout(error)) {
      return false;
    }
    int depth = 0;
    for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof SocketException
          || t.getClass().getSimpleName().equals("NoHttpResponseException")) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    int depth = 0;
    while (root.getCause() != null && root.getCause() != root && depth++ < 20) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static boolean isReadTimeout(Throwable error) {
    SocketTimeoutException timeout = S3ErrorTranslator.find(error, SocketTimeoutException.class);
    return timeout != null
        && (timeout.getMessage() == null
            || !timeout.getMessage().toLowerCase(Locale.ROOT).contains("connect"));
  }

  static boolean isConnectTimeout(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException
          && (t.getClass().getSimpleName().equals("ConnectTimeoutException")
              || (t.getMessage() != null
                  && t.getMessage().toLowerCase(Locale.ROOT).contains("connect timed out")))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
