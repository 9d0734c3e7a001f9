package com.warehouseexport.export.s3;

import com.warehouseexport.core.net.EndpointGuard;
import com.warehouseexport.core.net.HostResolver;
import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.S3Provider;
import com.warehouseexport.platform.ServerSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.http.conn.DnsResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds synchronous S3 clients (Apache HTTP client) for a customer's {@link S3Location}.
 *
 * <p>Every client has bounded timeouts ({@link Timeouts#TRANSFER} or {@link Timeouts#VALIDATION}):
 * the SDK's defaults wait about two minutes on a black-holed endpoint.
 *
 * <p>Server-side request forgery: for GCP and CUSTOM locations the endpoint is checked with the
 * {@link EndpointGuard} before the client is built, and every DNS resolution the HTTP client makes
 * is checked again (a {@link DnsResolver} hook), so that a host that re-resolves to an internal
 * address (DNS rebinding) is refused before any connection is opened. AWS locations use the SDK's
 * regional endpoint and are not guarded. Buckets the server's operator configures (the export
 * store, {@link #createForOperatorBucket}) are not guarded either. An HTTP proxy configured through
 * the JVM's {@code http(s).proxyHost} system properties resolves target names itself and so
 * bypasses the DNS hook.
 *
 * <p>Checksums: request checksums are computed and response checksums validated only when an
 * operation requires them ({@code WHEN_REQUIRED}); the SDK's newer default (CRC32 on every upload,
 * sent as {@code aws-chunked} trailers) is not understood by all S3-compatible services. The
 * gateway sends {@code Content-MD5} on each upload instead, which every provider verifies.
 *
 * <p>Thread-safe; the clients it creates must be closed by the caller. Uploads of automatic exports
 * share clients per endpoint instead ({@link SharedS3Clients}).
 */
public class S3ClientFactory {

  /** Environment variable with the operator's endpoint allow-list (hosts and CIDR blocks). */
  public static final String ALLOWLIST_ENV = "S3_ENDPOINT_ALLOWLIST";

  /** System property with the endpoint allow-list; used when the environment variable is unset. */
  public static final String ALLOWLIST_PROPERTY = "warehouse.s3.endpoint-allowlist";

  private static final Logger LOG = Logger.getLogger(S3ClientFactory.class.getName());

  /**
   * Time limits of a client.
   *
   * @param connection to open a TCP connection
   * @param socket the longest silence while reading a response
   * @param apiCallAttempt one HTTP attempt, including sending the body
   * @param apiCall one operation, including all retries
   * @param maxAttempts attempts per operation (1 = no retry)
   */
  public record Timeouts(
      Duration connection,
      Duration socket,
      Duration apiCallAttempt,
      Duration apiCall,
      int maxAttempts) {

    /** For uploads of 8 MiB parts: 2 s connect, 10 s socket, 15 s per attempt, 60 s per call. */
    public static final Timeouts TRANSFER =
        new Timeouts(
            Duration.ofSeconds(2),
            Duration.ofSeconds(10),
            Duration.ofSeconds(15),
            Duration.ofSeconds(60),
            3);

    /** For validating settings: 2 s connect, 5 s per attempt, 10 s in all, 2 attempts. */
    public static final Timeouts VALIDATION =
        new Timeouts(
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            2);

    /**
     * The transfer limits this server is configured with (PRODUCT.md §13: a stalled endpoint ends
     * an attempt in bounded time; the schedule retries the export): {@code S3_CONNECT_TIMEOUT} /
     * {@code warehouse.s3.connect-timeout} (PT2S), {@code S3_SOCKET_TIMEOUT} / {@code
     * warehouse.s3.socket-timeout} (PT10S, the longest silence while reading an answer), {@code
     * S3_ATTEMPT_TIMEOUT} / {@code warehouse.s3.attempt-timeout} (PT15S, one HTTP attempt with its
     * body), {@code S3_CALL_TIMEOUT} / {@code warehouse.s3.call-timeout} (PT60S, one operation with
     * its retries), {@code S3_MAX_ATTEMPTS} / {@code warehouse.s3.max-attempts} (3). Unset: {@link
     * #TRANSFER}. Each must be positive; an attempt may not outlast its call.
     */
    public static Timeouts transfer() {
      Timeouts t =
          new Timeouts(
              positive("S3_CONNECT_TIMEOUT", "warehouse.s3.connect-timeout", TRANSFER.connection()),
              positive("S3_SOCKET_TIMEOUT", "warehouse.s3.socket-timeout", TRANSFER.socket()),
              positive(
                  "S3_ATTEMPT_TIMEOUT", "warehouse.s3.attempt-timeout", TRANSFER.apiCallAttempt()),
              positive("S3_CALL_TIMEOUT", "warehouse.s3.call-timeout", TRANSFER.apiCall()),
              attempts());
      if (t.apiCallAttempt().compareTo(t.apiCall()) > 0) {
        throw new IllegalStateException(
            "S3_ATTEMPT_TIMEOUT ("
                + t.apiCallAttempt()
                + ") may not be longer than S3_CALL_TIMEOUT ("
                + t.apiCall()
                + ")");
      }
      return t;
    }

    private static Duration positive(String env, String property, Duration fallback) {
      Duration d = ServerSettings.duration(env, property, fallback);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalStateException(env + " must be a positive duration, was " + d);
      }
      return d;
    }

    private static int attempts() {
      String value = ServerSettings.value("S3_MAX_ATTEMPTS", "warehouse.s3.max-attempts");
      if (value == null) {
        return TRANSFER.maxAttempts();
      }
      try {
        int n = Integer.parseInt(value);
        if (n >= 1 && n <= 10) {
          return n;
        }
      } catch (NumberFormatException e) {
        // below
      }
      throw new IllegalStateException(
          "S3_MAX_ATTEMPTS must be a number from 1 to 10, was '" + value + "'");
    }

    public Timeouts {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(socket, "socket");
      Objects.requireNonNull(apiCallAttempt, "apiCallAttempt");
      Objects.requireNonNull(apiCall, "apiCall");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
    }
  }

  private final HostResolver resolver;

  /** A factory that resolves host names with the JVM's resolver. */
  public S3ClientFactory() {
    this(HostResolver.system());
  }

  /**
   * @param resolver used both for the up-front endpoint check and by the HTTP client to resolve the
   *     endpoint host (tests pass a fake one)
   */
  public S3ClientFactory(HostResolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /**
   * The guard configured for this server: environment variable {@value #ALLOWLIST_ENV}, else system
   * property {@value #ALLOWLIST_PROPERTY}; comma-separated host names and CIDR blocks. Unset means
   * an empty allow-list (only public endpoints).
   *
   * @throws IllegalArgumentException when an entry is invalid
   */
  public static EndpointGuard fromServerConfiguration() {
    return EndpointGuard.fromConfig(allowlistSetting());
  }

  /** The allow-list as configured ({@value #ALLOWLIST_ENV}, else {@value #ALLOWLIST_PROPERTY}). */
  static String allowlistSetting() {
    return ServerSettings.value(ALLOWLIST_ENV, ALLOWLIST_PROPERTY);
  }

  /** A client for uploads ({@link Timeouts#transfer()}: the server's configured limits). */
  public S3Client create(S3Location location, S3Credentials credentials, EndpointGuard guard) {
    return create(location, credentials, guard, Timeouts.transfer());
  }

  /** A client for validating settings ({@link Timeouts#VALIDATION}). */
  public S3Client createForValidation(
      S3Location location, S3Credentials credentials, EndpointGuard guard) {
    return create(location, credentials, guard, Timeouts.VALIDATION);
  }

  /**
   * A client for {@code location}.
   *
   * @throws S3AccessException (field {@code endpoint}) when the guard refuses the endpoint
   */
  public S3Client create(
      S3Location location, S3Credentials credentials, EndpointGuard guard, Timeouts timeouts) {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(guard, "guard");
    return build(location, credentials, guard, timeouts);
  }

  /**
   * A client for a bucket the server's operator configured (the export store), not a customer: its
   * endpoint is used as configured, without the SSRF guard, which protects the server from
   * customer-supplied endpoints only. Never call this with a customer's location.
   */
  public S3Client createForOperatorBucket(
      S3Location location, S3Credentials credentials, Timeouts timeouts) {
    return build(location, credentials, null, timeouts);
  }

  /**
   * A client without credentials of its own, for {@link SharedS3Clients}: every request must carry
   * its customer's ({@link CredentialedS3Client}); one that does not fails ({@link
   * SharedS3Clients#NO_CREDENTIALS}).
   *
   * @throws S3AccessException (field {@code endpoint}) when the guard refuses the endpoint
   */
  S3Client createShared(S3Location location, EndpointGuard guard, Timeouts timeouts) {
    Objects.requireNonNull(guard, "guard");
    return build(location, SharedS3Clients.NO_CREDENTIALS, guard, timeouts);
  }

  /**
   * Refuses an endpoint of a GCP or CUSTOM location that {@code guard} does not allow (one WARNING
   * line); AWS locations use the SDK's regional endpoint and are not checked.
   *
   * @throws S3AccessException (field {@code endpoint}) when the guard refuses the endpoint
   */
  void check(S3Location location, EndpointGuard guard) {
    if (location.provider() == S3Provider.AWS) {
      return;
    }
    URI endpoint = location.endpoint();
    EndpointGuard.Decision decision = guard.check(endpoint, resolver);
    if (!decision.allowed()) {
      LOG.log(
          Level.WARNING,
          "Refused S3 endpoint {0}: {1}",
          new Object[] {endpoint, decision.reason()});
      throw new S3AccessException(
          fieldForEndpoint(location),
          "The endpoint " + endpoint + " may not be used: " + decision.reason() + ".");
    }
  }

  /** {@code guard} null: no SSRF checks (operator-configured buckets only). */
  private S3Client build(
      S3Location location, S3Credentials credentials, EndpointGuard guard, Timeouts timeouts) {
    Objects.requireNonNull(credentials, "credentials");
    return build(
        location,
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())),
        guard,
        timeouts);
  }

  private S3Client build(
      S3Location location,
      AwsCredentialsProvider credentials,
      EndpointGuard guard,
      Timeouts timeouts) {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(timeouts, "timeouts");

    ApacheHttpClient.Builder http =
        ApacheHttpClient.builder()
            .connectionTimeout(timeouts.connection())
            .socketTimeout(timeouts.socket())
            .connectionAcquisitionTimeout(timeouts.apiCallAttempt());
    S3ClientBuilder builder = S3Client.builder();
    if (location.provider() != S3Provider.AWS && guard == null) {
      builder.endpointOverride(location.endpoint());
    } else if (location.provider() != S3Provider.AWS) {
      check(location, guard);
      http.dnsResolver(new GuardedDnsResolver(guard, resolver));
      builder.endpointOverride(location.endpoint());
    }
    return builder
        .httpClientBuilder(http)
        .region(Region.of(location.region()))
        .forcePathStyle(location.pathStyle())
        .credentialsProvider(credentials)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(
            o ->
                o.apiCallTimeout(timeouts.apiCall())
                    .apiCallAttemptTimeout(timeouts.apiCallAttempt())
                    .retryStrategy(r -> r.maxAttempts(timeouts.maxAttempts())))
        .build();
  }

  /** The field to blame for an endpoint problem: GCP's endpoint is fixed, so no field. */
  static String fieldForEndpoint(S3Location location) {
    return location.provider() == S3Provider.CUSTOM ? ValidationResult.FIELD_ENDPOINT : null;
  }

  /**
   * Resolves with the factory's resolver and lets the HTTP client connect only to addresses the
   * guard accepts, so the addresses checked are the ones connected to.
   */
  static final class GuardedDnsResolver implements DnsResolver {

    private final EndpointGuard guard;
    private final HostResolver resolver;

    GuardedDnsResolver(EndpointGuard guard, HostResolver resolver) {
      this.guard = guard;
      this.resolver = resolver;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      List<InetAddress> addresses = resolver.resolve(host);
      EndpointGuard.Decision decision = guard.check(host, addresses);
      if (!decision.allowed()) {
        LOG.log(
            Level.WARNING,
            "Refused connection to S3 endpoint host {0} {1}: {2}",
            new Object[] {host, addresses, decision.reason()});
        throw new EndpointRefusedException(host, decision.reason());
      }
      return addresses.toArray(new InetAddress[0]);
    }
  }

  /**
   * Thrown by the HTTP client's DNS hook when the guard refuses what a host resolved to; an {@link
   * UnknownHostException} so that the HTTP client gives up on the host without connecting.
   */
  static final class EndpointRefusedException extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    EndpointRefusedException(String host, String reason) {
      super(host + ": " + reason);
      this.reason = reason;
    }

    /** The guard's reason, a sentence for an administrator. */
    String reason() {
      return reason;
    }
  }
}
