package com.warehouseexport.export.manual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.net.EndpointGuard;
import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.StoreUrlParser;
import com.warehouseexport.export.s3.S3AccessException;
import com.warehouseexport.export.s3.S3ClientFactory;
import com.warehouseexport.export.s3.S3Credentials;
import com.warehouseexport.export.s3.S3Gateway;
import com.warehouseexport.export.s3.S3ProxyProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared export store against a real s3proxy (separate JVM on 127.0.0.1, checking credentials),
 * configured as an operator would: through a store URL.
 */
class S3ExportFileStoreTest {

  private static final String ACCESS_KEY = "AKIASTORETESTKEY0001";
  private static final String SECRET = "store-Secret/0123456789abcdefGHIJKL";
  private static final S3Credentials CREDENTIALS = new S3Credentials(ACCESS_KEY, SECRET);
  private static final String BUCKET = "export-store";

  private static S3ProxyProcess s3proxy;

  @TempDir Path dir;

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

  private static S3Location location(String bucket, String prefix) {
    return StoreUrlParser.parse(
        "s3://" + bucket + "/" + prefix + "?endpoint=" + s3proxy.endpoint() + "&region=us-east-1");
  }

  private static S3ExportFileStore store(String prefix) {
    return store(location(BUCKET, prefix), CREDENTIALS);
  }

  private static S3ExportFileStore store(S3Location location, S3Credentials credentials) {
    return new S3ExportFileStore(
        new S3Gateway(
            new S3ClientFactory()
                .createForOperatorBucket(location, credentials, S3ClientFactory.Timeouts.TRANSFER),
            location));
  }

  private Path part(String name, byte[] content) throws IOException {
    Path part = dir.resolve(name + ".csv.part");
    Files.write(part, content);
    return part;
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Test
  void aLargeFileIsUploadedInPartsAndStreamedBackByteForByte() throws Exception {
    byte[] content = random(S3Gateway.PART_SIZE * 2 + 12345, 1);
    Path part = part("large", content);
    try (S3ExportFileStore store = store("large")) {
      assertEquals(content.length, store.put(5, 77, part));
      assertFalse(Files.exists(part), "the local part file is deleted once uploaded");
      assertTrue(
          Files.exists(s3proxy.basedir().resolve(BUCKET).resolve("large/env-5/77.csv")),
          "object " + store.key(5, 77));
      try (ExportFileStore.StoredExport stored = store.open(5, 77).orElseThrow()) {
        assertEquals(content.length, stored.size());
        assertEquals(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)),
            sha256(stored.content()));
      }
    }
  }

  @Test
  void aDownloadClosedEarlyLeavesTheStoreUsable() throws Exception {
    byte[] content = random(S3Gateway.PART_SIZE + 1, 2);
    try (S3ExportFileStore store = store("early-close")) {
      store.put(6, 1, part("early", content));
      for (int i = 0; i < 3; i++) {
        try (ExportFileStore.StoredExport stored = store.open(6, 1).orElseThrow()) {
          byte[] head = stored.content().readNBytes(10);
          assertArrayEquals(java.util.Arrays.copyOf(content, 10), head);
        }
      }
      try (ExportFileStore.StoredExport stored = store.open(6, 1).orElseThrow()) {
        assertEquals(content.length, stored.content().readAllBytes().length);
      }
    }
  }

  @Test
  void aSmallFileRoundTripsAndIsReplacedByALaterPut() throws Exception {
    try (S3ExportFileStore store = store("small")) {
      store.put(5, 1, part("a", "Company ID\nold\n".getBytes(StandardCharsets.UTF_8)));
      store.put(5, 1, part("b", "Company ID\n".getBytes(StandardCharsets.UTF_8)));
      try (ExportFileStore.StoredExport stored = store.open(5, 1).orElseThrow()) {
        assertEquals(11, stored.size());
        assertArrayEquals(
            "Company ID\n".getBytes(StandardCharsets.UTF_8), stored.content().readAllBytes());
      }
    }
  }

  @Test
  void openOfAMissingObjectIsEmptyAndDeleteRemovesIt() throws Exception {
    try (S3ExportFileStore store = store("delete")) {
      assertTrue(store.open(5, 404).isEmpty());
      store.put(5, 2, part("d", "x\n".getBytes(StandardCharsets.UTF_8)));
      store.delete(5, 2);
      assertTrue(store.open(5, 2).isEmpty());
      store.delete(5, 2);
    }
  }

  @Test
  void deleteOlderThanDeletesOnlyOldExportObjectsUnderThePrefix() throws Exception {
    Instant beforeUpload = Instant.now().minusSeconds(60);
    try (S3ExportFileStore store = store("retention");
        S3ExportFileStore other = store("retention-other");
        S3Gateway raw =
            new S3Gateway(
                new S3ClientFactory()
                    .createForOperatorBucket(
                        location(BUCKET, ""), CREDENTIALS, S3ClientFactory.Timeouts.TRANSFER),
                location(BUCKET, ""))) {
      store.put(1, 1, part("r1", "one\n".getBytes(StandardCharsets.UTF_8)));
      store.put(2, 2, part("r2", "two\n".getBytes(StandardCharsets.UTF_8)));
      other.put(1, 1, part("o1", "other\n".getBytes(StandardCharsets.UTF_8)));
      raw.putSmall("retention/README.txt", new byte[] {1}, "text/plain");
      raw.putSmall("retention/env-1/3.csv.part", new byte[] {1}, "text/plain");

      assertEquals(0, store.deleteOlderThan(beforeUpload), "nothing is that old");
      assertEquals(2, store.deleteOlderThan(Instant.now().plusSeconds(60)));

      assertTrue(store.open(1, 1).isEmpty());
      assertTrue(store.open(2, 2).isEmpty());
      assertTrue(raw.exists("retention/README.txt"), "foreign objects are left alone");
      assertTrue(raw.exists("retention/env-1/3.csv.part"));
      assertTrue(raw.exists("retention-other/env-1/1.csv"), "another prefix is left alone");
    }
  }

  @Test
  void failuresAreIoExceptionsWithTheAdaptersMessageAndKeepThePartFile() throws Exception {
    Path part = part("kept", "x\n".getBytes(StandardCharsets.UTF_8));
    try (S3ExportFileStore missingBucket = store(location("no-such-bucket", "p"), CREDENTIALS)) {
      IOException e = assertThrows(IOException.class, () -> missingBucket.put(1, 1, part));
      assertTrue(e.getMessage().contains("no-such-bucket"), e.getMessage());
      assertTrue(Files.exists(part), "nothing stored, so the part file stays");
    }
    try (S3ExportFileStore wrongSecret =
        store(location(BUCKET, "p"), new S3Credentials(ACCESS_KEY, "wrong-secret"))) {
      IOException e = assertThrows(IOException.class, () -> wrongSecret.open(1, 1));
      assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
      assertThrows(IOException.class, () -> wrongSecret.deleteOlderThan(Instant.now()));
    }
  }

  @Test
  void theOperatorsLoopbackStoreIsReachableWhileCustomerLoopbackEndpointsStayRefused() {
    S3Location location = location(BUCKET, "guard");
    // The store's client is built without the guard (store(...) above works on 127.0.0.1) ...
    try (S3ExportFileStore store = store(location, CREDENTIALS)) {
      assertTrue(store.describe().contains(BUCKET), store.describe());
    }
    // ... while a customer's client for the very same location is still refused.
    S3AccessException refused =
        assertThrows(
            S3AccessException.class,
            () ->
                new S3ClientFactory()
                    .create(location, CREDENTIALS, EndpointGuard.fromConfig(""))
                    .close());
    assertTrue(refused.getMessage().contains("may not be used"), refused.getMessage());
  }
}
