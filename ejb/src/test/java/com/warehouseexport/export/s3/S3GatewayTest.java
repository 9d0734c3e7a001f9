package com.warehouseexport.export.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.net.EndpointGuard;
import com.warehouseexport.core.net.HostResolver;
import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.S3Provider;
import com.warehouseexport.core.schedule.Cadence;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;

/** The S3 adapter against a real s3proxy server in a separate JVM on 127.0.0.1. */
class S3GatewayTest {

  private static final String ACCESS_KEY = "AKIATESTACCESSKEY001";
  private static final String SECRET = "test-Secret-Key/0123456789abcdefGHIJ";
  private static final S3Credentials CREDENTIALS = new S3Credentials(ACCESS_KEY, SECRET);
  private static final String BUCKET = "exports";
  private static final String CSV = ExportManifest.CSV_CONTENT_TYPE;
  private static final int MIB = 1024 * 1024;

  /** The tests' allow-list: s3proxy listens on loopback. */
  private static final EndpointGuard GUARD = EndpointGuard.fromConfig("127.0.0.1/32");

  private static S3ProxyProcess s3proxy;

  private final S3ClientFactory factory = new S3ClientFactory();

  @BeforeAll
  static void startS3Proxy() throws IOException {
    s3proxy = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3proxy.createBucket(BUCKET);
  }

  @AfterAll
  static void stopS3Proxy() {
    if (s3proxy != null) {
      s3proxy.close();
    }
  }

  private static S3Location location(String bucket, URI endpoint) {
    return new S3Location(S3Provider.CUSTOM, bucket, "us-east-1", "tenant-a", endpoint, true);
  }

  private static S3Location location() {
    return location(BUCKET, s3proxy.endpoint());
  }

  private S3Gateway gateway(S3Credentials credentials) {
    return new S3Gateway(factory.create(location(), credentials, GUARD), location());
  }

  private ValidationResult validate(S3Location location, S3Credentials credentials) {
    try (S3Gateway gateway =
        new S3Gateway(factory.createForValidation(location, credentials, GUARD), location)) {
      return gateway.validate();
    }
  }

  // ---------------------------------------------------------------- validation

  @Test
  void validatesGoodSettings() {
    ValidationResult result = validate(location(), CREDENTIALS);

    assertTrue(result.ok(), () -> String.valueOf(result));
    assertNull(result.field());
  }

  @Test
  void wrongSecretIsBlamedOnTheSecret() {
    ValidationResult result =
        validate(location(), new S3Credentials(ACCESS_KEY, "wrong-secret-wrong-secret"));

    assertFalse(result.ok());
    assertEquals(ValidationResult.FIELD_SECRET_ACCESS_KEY, result.field());
    assertEquals("The secret access key does not match the access key ID.", result.message());
  }

  @Test
  void unknownAccessKeyIsBlamedOnTheKeyId() {
    ValidationResult result =
        validate(location(), new S3Credentials("AKIAUNKNOWNKEY000001", SECRET));

    assertFalse(result.ok());
    assertEquals(ValidationResult.FIELD_ACCESS_KEY_ID, result.field());
    assertEquals("The access key ID is not known to the storage provider.", result.message());
    assertFalse(result.message().contains(SECRET));
  }

  @Test
  void missingBucketIsBlamedOnTheBucket() {
    ValidationResult result = validate(location("no-such-bucket", s3proxy.endpoint()), CREDENTIALS);

    assertFalse(result.ok());
    assertEquals(ValidationResult.FIELD_BUCKET, result.field());
    assertTrue(result.message().contains("'no-such-bucket' does not exist"), result.message());
  }

  @Test
  void closedPortIsReportedAsRefusedConnection() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI endpoint = URI.create("http://127.0.0.1:" + closedPort);

    ValidationResult result = validate(location(BUCKET, endpoint), CREDENTIALS);

    assertFalse(result.ok());
    assertEquals(ValidationResult.FIELD_ENDPOINT, result.field());
    assertTrue(result.message().contains("connection was refused"), result.message());
    assertTrue(result.message().contains(endpoint.toString()), result.message());
    assertTrue(result.message().matches(".*after \\d+\\.\\d seconds.*"), result.message());
  }

  @Test
  @Timeout(60)
  void hungEndpointTimesOutWithinTheValidationBudget() throws Exception {
    try (HungServer hung = new HungServer()) {
      URI endpoint = URI.create("http://127.0.0.1:" + hung.port());

      long start = System.nanoTime();
      ValidationResult result = validate(location(BUCKET, endpoint), CREDENTIALS);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

      assertFalse(result.ok());
      assertEquals(ValidationResult.FIELD_ENDPOINT, result.field());
      assertTrue(result.message().contains("did not answer in time"), result.message());
      assertTrue(hung.accepted() >= 1, "the request reached the hung server");
      // Validation allows 10 s in all; the SDK's defaults would wait about two minutes.
      assertTrue(elapsed.compareTo(Duration.ofSeconds(20)) < 0, "took " + elapsed);
    }
  }

  // ---------------------------------------------------------------- SSRF

  @Test
  void guardRefusesLoopbackEndpointUnlessAllowListed() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      URI endpoint = URI.create("http://127.0.0.1:" + listener.getLocalPort());
      S3Location location = location(BUCKET, endpoint);

      S3AccessException e =
          assertThrows(
              S3AccessException.class,
              () -> factory.create(location, CREDENTIALS, EndpointGuard.fromConfig("")));

      assertEquals(ValidationResult.FIELD_ENDPOINT, e.field());
      assertTrue(e.getMessage().contains("loopback"), e.getMessage());
      assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
      assertNoConnection(listener);
    }
  }

  @Test
  void dnsRebindingToLoopbackIsRefusedAtConnectionTime() throws IOException {
    // The name first resolves to a public address (passing the up-front check), then to loopback.
    AtomicInteger lookups = new AtomicInteger();
    HostResolver rebinding =
        host -> {
          if (!host.equals("rebind.example")) {
            throw new java.net.UnknownHostException(host);
          }
          byte[] address =
              lookups.getAndIncrement() == 0
                  ? new byte[] {93, (byte) 184, 2, 34}
                  : new byte[] {127, 0, 0, 1};
          return List.of(InetAddress.getByAddress(host, address));
        };
    S3ClientFactory rebindingFactory = new S3ClientFactory(rebinding);
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      URI endpoint = URI.create("https://rebind.example:" + listener.getLocalPort());
      S3Location location = location(BUCKET, endpoint);
      EndpointGuard noAllowList = EndpointGuard.fromConfig("");

      ValidationResult result;
      try (S3Gateway gateway =
          new S3Gateway(
              rebindingFactory.createForValidation(location, CREDENTIALS, noAllowList), location)) {
        result = gateway.validate();
      }

      assertFalse(result.ok());
      assertEquals(ValidationResult.FIELD_ENDPOINT, result.field());
      assertTrue(result.message().contains("may not be used"), result.message());
      assertTrue(result.message().contains("loopback"), result.message());
      assertTrue(lookups.get() >= 2, "the HTTP client resolved through the guard");
      assertNoConnection(listener);
    }
  }

  // ---------------------------------------------------------------- uploads

  @ParameterizedTest
  @ValueSource(
      ints = {
        0,
        1,
        S3Gateway.FIRST_READ - 1,
        S3Gateway.FIRST_READ,
        S3Gateway.FIRST_READ + 1,
        MIB,
        8 * MIB,
        8 * MIB + 1,
        20 * MIB
      })
  void uploadRoundTrips(int size) throws Exception {
    byte[] data = data(size);
    String key = "tenant-a/round-trip/" + size + ".csv";

    UploadResult result;
    try (S3Gateway gateway = gateway(CREDENTIALS)) {
      result = gateway.upload(key, new ByteArrayInputStream(data), CSV);

      assertEquals(key, result.key());
      assertEquals(size, result.bytes());
      assertEquals(sha256(data), result.sha256());
      assertTrue(result.etag() != null && !result.etag().isBlank());
      assertTrue(gateway.exists(key));
      assertArrayEquals(data, gateway.read(key));
    }
    try (S3Client client = factory.create(location(), CREDENTIALS, GUARD)) {
      HeadObjectResponse head = client.headObject(r -> r.bucket(BUCKET).key(key));
      assertEquals(size, head.contentLength());
      assertEquals(CSV, head.contentType());
      assertNoIncompleteUploads(client);
    }
  }

  @Test
  void twentyMibUploadUsesThreeParts() throws Exception {
    String key = "tenant-a/parts/twenty.csv";
    try (S3Gateway gateway = gateway(CREDENTIALS)) {
      UploadResult result = gateway.upload(key, new ByteArrayInputStream(data(20 * MIB)), CSV);
      // A multipart ETag is "<md5 of part md5s>-<number of parts>".
      assertTrue(result.etag().endsWith("-3"), result.etag());
    }
  }

  @Test
  void failingInputAbortsTheUploadAndLeavesNothing() throws Exception {
    String key = "tenant-a/failing/export.csv";
    InputStream failing = new FailingInputStream(data(12 * MIB), 9 * MIB);

    try (S3Gateway gateway = gateway(CREDENTIALS)) {
      S3AccessException e =
          assertThrows(S3AccessException.class, () -> gateway.upload(key, failing, CSV));

      assertTrue(e.getMessage().contains("reading the export data failed"), e.getMessage());
      assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
      assertFalse(gateway.exists(key));
    }
    try (S3Client client = factory.create(location(), CREDENTIALS, GUARD)) {
      assertNoIncompleteUploads(client);
    }
  }

  @Test
  void incompleteUploadsAreListedSoTheAbortCheckIsMeaningful() {
    String key = "tenant-a/incomplete/export.csv";
    try (S3Client client = factory.create(location(), CREDENTIALS, GUARD)) {
      String uploadId = client.createMultipartUpload(r -> r.bucket(BUCKET).key(key)).uploadId();
      try {
        ListMultipartUploadsResponse uploads = client.listMultipartUploads(r -> r.bucket(BUCKET));
        assertEquals(1, uploads.uploads().size(), () -> "uploads: " + uploads.uploads());
        assertEquals(key, uploads.uploads().get(0).key());
      } finally {
        client.abortMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(uploadId));
      }
      assertNoIncompleteUploads(client);
    }
  }

  @Test
  void failedUploadWithWrongSecretSaysWhy() {
    try (S3Gateway gateway = gateway(new S3Credentials(ACCESS_KEY, "wrong-secret-wrong-secret"))) {
      S3AccessException e =
          assertThrows(
              S3AccessException.class,
              () -> gateway.upload("tenant-a/x.csv", new ByteArrayInputStream(data(MIB)), CSV));

      assertEquals(ValidationResult.FIELD_SECRET_ACCESS_KEY, e.field(), e.getMessage());
      assertTrue(e.getMessage().startsWith("Uploading 'tenant-a/x.csv'"), e.getMessage());
      assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
    }
  }

  @Test
  void reUploadToTheSameKeyReplacesTheObject() throws Exception {
    String key = "tenant-a/replace/export.csv";
    byte[] first = data(10 * MIB);
    byte[] second = "Company ID\n42\n".getBytes(StandardCharsets.UTF_8);

    try (S3Gateway gateway = gateway(CREDENTIALS)) {
      gateway.upload(key, new ByteArrayInputStream(first), CSV);
      UploadResult result = gateway.upload(key, new ByteArrayInputStream(second), CSV);

      assertEquals(second.length, result.bytes());
      assertArrayEquals(second, gateway.read(key));
    }
  }

  @Test
  void manifestIsWrittenAndReadable() throws Exception {
    String csvKey =
        "tenant-a/company-usage/daily/date=2026-11-26/company-usage-prod-12-2026-11-26.csv";
    String manifestKey = csvKey.replace(".csv", ".manifest.json");
    byte[] csv = "Company ID,Company Name\nc1,Acme\n".getBytes(StandardCharsets.UTF_8);

    try (S3Gateway gateway = gateway(CREDENTIALS)) {
      UploadResult upload = gateway.upload(csvKey, new ByteArrayInputStream(csv), CSV);
      ExportManifest manifest =
          ExportManifest.of(
              12,
              Cadence.DAILY,
              LocalDate.parse("2026-11-26"),
              Instant.parse("2026-11-27T00:00:00Z"),
              1,
              upload,
              Instant.parse("2026-11-27T00:15:00Z"));
      gateway.putSmall(manifestKey, manifest.toJsonBytes(), ExportManifest.CONTENT_TYPE);

      JsonObject json =
          Json.createReader(
                  new StringReader(new String(gateway.read(manifestKey), StandardCharsets.UTF_8)))
              .readObject();
      assertEquals(csvKey, json.getString("objectKey"));
      assertEquals(csv.length, json.getJsonNumber("bytes").longValueExact());
      assertEquals(sha256(csv), json.getString("sha256"));
      assertEquals(1, json.getJsonNumber("rows").longValueExact());
      assertEquals("daily", json.getString("cadence"));
    }
  }

  @Test
  void existsIsFalseForAMissingKey() {
    try (S3Gateway gateway = gateway(CREDENTIALS)) {
      assertFalse(gateway.exists("tenant-a/never/written.csv"));
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Deterministic, non-repeating-looking content of {@code size} bytes. */
  static byte[] data(int size) {
    byte[] data = new byte[size];
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < size; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      data[i] = (byte) x;
    }
    return data;
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static void assertNoIncompleteUploads(S3Client client) {
    ListMultipartUploadsResponse uploads = client.listMultipartUploads(r -> r.bucket(BUCKET));
    assertTrue(uploads.uploads().isEmpty(), () -> "incomplete uploads: " + uploads.uploads());
  }

  private static void assertNoConnection(ServerSocket listener) throws IOException {
    listener.setSoTimeout(300);
    try (Socket unexpected = listener.accept()) {
      throw new AssertionError("a connection was made to " + unexpected.getLocalSocketAddress());
    } catch (SocketTimeoutException expected) {
      // nothing connected
    }
  }

  /** Yields {@code data} but throws after {@code failAfter} bytes. */
  private static final class FailingInputStream extends InputStream {
    private final ByteArrayInputStream in;
    private final int failAfter;
    private int position;

    FailingInputStream(byte[] data, int failAfter) {
      this.in = new ByteArrayInputStream(data);
      this.failAfter = failAfter;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= failAfter) {
        throw new IOException("disk on fire");
      }
      int n = in.read(b, off, Math.min(len, failAfter - position));
      if (n > 0) {
        position += n;
      }
      return n;
    }
  }

  /** A local server that accepts connections and never answers. */
  private static final class HungServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    HungServer() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    Socket socket = server.accept();
                    synchronized (sockets) {
                      sockets.add(socket);
                    }
                    accepted.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "hung-s3-endpoint");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int accepted() {
      return accepted.get();
    }

    @Override
    public void close() throws Exception {
      server.close();
      synchronized (sockets) {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
      acceptor.join(5_000);
    }
  }
}
