package com.warehouseexport.export.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.net.EndpointGuard;
import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.S3Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Upload clients shared per endpoint, each lease signing with its own customer's credentials,
 * against a real s3proxy (which checks every request's signature) on 127.0.0.1.
 */
class SharedS3ClientsTest {

  private static final String ACCESS_KEY = "AKIASHAREDCLIENTS001";
  private static final String SECRET = "shared-Secret/0123456789abcdefGHIJ";
  private static final S3Credentials RIGHT = new S3Credentials(ACCESS_KEY, SECRET);
  private static final S3Credentials WRONG_SECRET =
      new S3Credentials(ACCESS_KEY, "another-customers-secret-0123456789ab");
  private static final String BUCKET = "shared";
  private static final byte[] BODY = "Company ID\nacme\n".getBytes(StandardCharsets.UTF_8);

  private static S3ProxyProcess s3proxy;
  private static String allowlist;

  private SharedS3Clients clients;

  @BeforeAll
  static void startS3Proxy() throws IOException {
    s3proxy = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3proxy.createBucket(BUCKET);
    allowlist = System.getProperty(S3ClientFactory.ALLOWLIST_PROPERTY);
  }

  @AfterAll
  static void stopS3Proxy() {
    if (s3proxy != null) {
      s3proxy.close();
    }
  }

  @BeforeEach
  void allowLoopback() {
    System.setProperty(S3ClientFactory.ALLOWLIST_PROPERTY, "127.0.0.1/32");
    clients = new SharedS3Clients(new S3ClientFactory(), 2);
  }

  @AfterEach
  void restore() {
    clients.close();
    if (allowlist == null) {
      System.clearProperty(S3ClientFactory.ALLOWLIST_PROPERTY);
    } else {
      System.setProperty(S3ClientFactory.ALLOWLIST_PROPERTY, allowlist);
    }
  }

  private static S3Location location(String prefix) {
    return new S3Location(S3Provider.CUSTOM, BUCKET, "us-east-1", prefix, s3proxy.endpoint(), true);
  }

  private static S3Location location(URI endpoint) {
    return new S3Location(S3Provider.CUSTOM, BUCKET, "us-east-1", "other", endpoint, true);
  }

  private byte[] put(S3Location location, S3Credentials credentials, String key) {
    try (S3Gateway gateway = new S3Gateway(clients.lease(location, credentials), location)) {
      gateway.putSmall(key, BODY, "text/csv");
      return gateway.read(key);
    }
  }

  @Test
  void customersOfOneEndpointShareOneClientAndEachSignsWithItsOwnCredentials() {
    assertArrayEquals(BODY, put(location("tenant-a"), RIGHT, "tenant-a/1.csv"));
    assertArrayEquals(BODY, put(location("tenant-b"), RIGHT, "tenant-b/1.csv"));
    assertEquals(1, clients.size(), "one client for the endpoint, not one per export");

    // Another customer of the same endpoint with a wrong secret: the shared client does not sign
    // with the credentials of whoever used it before.
    S3AccessException denied =
        assertThrows(
            S3AccessException.class,
            () -> put(location("tenant-c"), WRONG_SECRET, "tenant-c/1.csv"));
    assertTrue(denied.getMessage().toLowerCase().contains("secret"), denied.getMessage());
    // ... and the right credentials still work on it afterwards.
    assertArrayEquals(BODY, put(location("tenant-a"), RIGHT, "tenant-a/2.csv"));
    assertEquals(1, clients.size());
  }

  @Test
  void aMultipartUploadIsSignedWithTheLeasesCredentialsInEveryRequest() {
    byte[] large = new byte[S3Gateway.PART_SIZE + 1024];
    new Random(7).nextBytes(large);
    S3Location location = location("multipart");
    try (S3Gateway gateway = new S3Gateway(clients.lease(location, RIGHT), location)) {
      UploadResult result =
          gateway.upload("multipart/large.bin", new ByteArrayInputStream(large), "text/csv");
      assertEquals(large.length, result.bytes());
      assertArrayEquals(large, gateway.read("multipart/large.bin"));
      assertEquals(1, gateway.list("multipart/").size());
      gateway.delete("multipart/large.bin");
      assertEquals(0, gateway.list("multipart/").size());
    }
  }

  @Test
  void aSharedClientWithoutALeaseSignsNothing() {
    S3Location location = location("unsigned");
    try (S3Client shared =
        new S3ClientFactory()
            .createShared(
                location,
                EndpointGuard.fromConfig("127.0.0.1/32"),
                S3ClientFactory.Timeouts.VALIDATION)) {
      SdkClientException e =
          assertThrows(
              SdkClientException.class,
              () ->
                  shared.putObject(
                      r -> r.bucket(BUCKET).key("unsigned/1.csv"), RequestBody.fromBytes(BODY)));
      assertTrue(e.getMessage().contains("signs only with"), e.getMessage());
    }
  }

  @Test
  void theLeastRecentlyUsedEndpointLeavesAndALeasedClientIsClosedWhenReleased() {
    System.setProperty(S3ClientFactory.ALLOWLIST_PROPERTY, "127.0.0.1/32,::1/128,localhost");
    SharedS3Clients one = new SharedS3Clients(new S3ClientFactory(), 1);
    try {
      URI loopback = s3proxy.endpoint();
      URI localhost = URI.create(loopback.toString().replace("127.0.0.1", "localhost"));
      S3Location first = location(loopback);
      S3Client held = one.lease(first, RIGHT); // leased while its endpoint leaves
      S3Gateway gateway = new S3Gateway(held, first);
      try (S3Gateway other = new S3Gateway(one.lease(location(localhost), RIGHT), first)) {
        other.putSmall("other/a.csv", BODY, "text/csv");
      }
      assertEquals(1, one.size(), "capacity 1: the first endpoint's client left");
      gateway.putSmall("other/b.csv", BODY, "text/csv"); // still usable while leased
      assertArrayEquals(BODY, gateway.read("other/b.csv"));
      gateway.close(); // the last lease of a client that left: now it is closed
      assertThrows(RuntimeException.class, () -> gateway.read("other/b.csv"));
      held.close(); // a second close releases nothing more
      assertEquals(1, one.size());
    } finally {
      one.close();
    }
  }

  @Test
  void theGuardIsCheckedForEveryLease() {
    S3Location location = location("guarded");
    put(location, RIGHT, "guarded/1.csv");
    System.setProperty(S3ClientFactory.ALLOWLIST_PROPERTY, ""); // loopback no longer allowed
    S3AccessException refused =
        assertThrows(S3AccessException.class, () -> clients.lease(location, RIGHT));
    assertEquals(ValidationResult.FIELD_ENDPOINT, refused.field());
    assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
  }

  @Test
  void closedClientsLeaseNothing() {
    clients.close();
    assertThrows(IllegalStateException.class, () -> clients.lease(location("x"), RIGHT));
  }
}
