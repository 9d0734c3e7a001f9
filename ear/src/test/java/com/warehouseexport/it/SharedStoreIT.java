package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.crypto.SecretCipher;
import com.warehouseexport.export.s3.S3ProxyProcess;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Downloads from any node": two WildFly nodes ("store-a", "store-b") on one PostgreSQL database,
 * both with {@code EXPORT_STORE_URL} pointing at a bucket of a real S3-compatible server (s3proxy,
 * checking credentials). A manual export started and finished on node A is downloaded from node B,
 * byte-identical to A's download; the finished file lives in the bucket, not on node A's disk; once
 * the object is gone (retention) both nodes say the file is no longer kept. Also: a malformed store
 * URL fails the deployment with a log line naming the variable.
 *
 * <p>Launches its own servers (not Arquillian): store-a on port offset 800 (HTTP 8880), store-b on
 * 900 (HTTP 8980). Needs PostgreSQL on 127.0.0.1:5432, user {@code postgres} without password
 * (trust); it creates database {@code sharedstore} if missing and drops and recreates its schema
 * {@code public} at start. Override with {@code -Dit.sharedstore.jdbc=jdbc:postgresql://…} (and
 * {@code -Dit.sharedstore.user}, {@code -Dit.sharedstore.password}).
 *
 * <pre>
 * mvn -B verify -Dit.test=SharedStoreIT -Dit.port.offset=400 -Dit.management.port=10390
 * </pre>
 */
class SharedStoreIT {

  private static final Logger LOG = Logger.getLogger(SharedStoreIT.class.getName());
  private static final String ACCESS_KEY = "shared-store-access";
  private static final String SECRET = "shared-store-secret-do-not-leak";
  private static final String BUCKET = "shared-store";
  private static final String PREFIX = "finished";
  private static final String BAD_URL = "s3://" + BUCKET + "?endpoint=minio:9000";

  private static final String JDBC =
      System.getProperty("it.sharedstore.jdbc", "jdbc:postgresql://127.0.0.1:5432/sharedstore");
  private static final String USER = System.getProperty("it.sharedstore.user", "postgres");
  private static final String PASSWORD = System.getProperty("it.sharedstore.password", "postgres");

  private static S3ProxyProcess s3;
  private static ServerProcess nodeA;
  private static ServerProcess nodeB;
  private static Path dataA;

  /** What node B's first start, with a malformed {@code EXPORT_STORE_URL}, did. */
  private static String misconfiguredStart;

  private static String misconfiguredLog;

  @BeforeAll
  static void start() throws Exception {
    Prerequisites.requirePostgres("SharedStoreIT");
    Postgres.freshDatabase(JDBC, USER, PASSWORD);
    s3 = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3.createBucket(BUCKET);
    Path target = Path.of(System.getProperty("ear.file")).getParent();
    String keyRing = SecretCipher.generateKeySpec("sharedstore");
    dataA = target.resolve("store-a-data");
    nodeA = node("store-a", 800, dataA, keyRing);
    nodeB = node("store-b", 900, target.resolve("store-b-data"), keyRing);
    ExecutorService starter = Executors.newFixedThreadPool(2);
    try {
      Future<?> a =
          starter.submit(
              () -> {
                nodeA.start();
                return null;
              });
      Future<?> b =
          starter.submit(
              () -> {
                // First with a malformed store URL: the deployment must fail ...
                String good = nodeB.envValue("EXPORT_STORE_URL");
                nodeB.env("EXPORT_STORE_URL", BAD_URL);
                try {
                  nodeB.start(Duration.ofSeconds(120));
                  misconfiguredStart = "deployed";
                } catch (IOException e) {
                  misconfiguredStart = "failed: " + e.getMessage();
                }
                misconfiguredLog = nodeB.log();
                nodeB.stop();
                // ... then as configured.
                nodeB.env("EXPORT_STORE_URL", good);
                nodeB.start();
                return null;
              });
      a.get();
      b.get();
    } finally {
      starter.shutdownNow();
    }
  }

  private static ServerProcess node(String node, int offset, Path data, String keyRing)
      throws Exception {
    ServerProcess.deleteRecursively(data);
    Files.createDirectories(data);
    return new ServerProcess(node, node, offset, data)
        .onPostgres(JDBC, USER, PASSWORD, "sharedstore-it", keyRing)
        .env("EXPORT_STORE_URL", "s3://" + BUCKET + "/" + PREFIX + "?endpoint=" + s3.endpoint())
        .env("EXPORT_STORE_ACCESS_KEY_ID", ACCESS_KEY)
        .env("EXPORT_STORE_SECRET_ACCESS_KEY", SECRET);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      ServerProcess.closeAll(nodeA, nodeB);
    } finally {
      if (s3 != null) {
        s3.close();
      }
    }
  }

  @Test
  void anExportFinishedOnNodeAIsDownloadedFromNodeBByteForByte() throws Exception {
    Api a = new Api(nodeA.url());
    Api b = new Api(nodeB.url());
    Api.Tenant tenant = a.newTenant("Shared store " + System.currentTimeMillis(), "ENTERPRISE");
    long env = tenant.environmentId();
    a.ingestOneCompany(tenant, LocalDate.now(ZoneOffset.UTC), 20, 10);

    long execution = a.startExport(env, "{\"aggregation\":\"30-days-daily\"}");
    JsonObject status = a.awaitExport(execution);
    assertEquals("COMPLETED", status.getString("status"), status.toString());
    assertEquals("store-a", startedOn(execution), "the export ran on node A");

    byte[] fromA = a.downloadCsv(execution);
    byte[] fromB = b.downloadCsv(execution);
    assertTrue(fromA.length > 100, new String(fromA, StandardCharsets.UTF_8));
    assertTrue(
        new String(fromA, StandardCharsets.UTF_8).startsWith("Company ID"),
        new String(fromA, StandardCharsets.UTF_8));
    assertArrayEquals(fromA, fromB, "node B serves exactly the file node A wrote");
    assertEquals(fromA.length, status.getJsonNumber("bytes").longValue());

    Api.Answer csvB = b.asOperator("GET", "/api/v1/exports/" + execution + "/csv", null);
    assertEquals(200, csvB.status());
    assertEquals(
        String.valueOf(fromA.length),
        csvB.raw().headers().firstValue("Content-Length").orElse(""),
        csvB.raw().headers().toString());
    assertTrue(
        csvB.raw()
            .headers()
            .firstValue("Content-Disposition")
            .orElse("")
            .contains("company-usage-production-" + env),
        csvB.raw().headers().toString());

    // The finished file is in the bucket, and nowhere on node A's disk.
    List<Path> objects = files(s3.basedir().resolve(BUCKET).resolve(PREFIX + "/env-" + env));
    assertEquals(1, objects.size(), "one object: " + objects);
    assertArrayEquals(fromA, Files.readAllBytes(objects.get(0)));
    assertEquals(List.of(), files(dataA.resolve("exports/env-" + env)), "nothing left locally");

    // Retention deleted it: both nodes say so.
    Files.delete(objects.get(0));
    for (Api api : List.of(a, b)) {
      Api.Answer gone = api.asOperator("GET", "/api/v1/exports/" + execution + "/csv", null);
      assertEquals(409, gone.status(), api.base() + ": " + gone.body());
      assertTrue(gone.json().getString("error").contains("no longer kept"), gone.body());
    }

    for (ServerProcess node : List.of(nodeA, nodeB)) {
      String log = node.log();
      assertTrue(
          log.contains("Finished manual exports are stored in bucket " + BUCKET),
          node.node() + " names its store");
      assertFalse(log.contains(SECRET), node.node() + " never logs the store's secret");
    }
    LOG.info("downloaded " + fromA.length + " bytes of export " + execution + " from both nodes");
  }

  @Test
  void aMalformedStoreUrlFailsTheDeploymentNamingTheVariable() {
    assertNotNull(misconfiguredStart);
    assertTrue(misconfiguredStart.startsWith("failed: "), misconfiguredStart);
    List<String> lines =
        misconfiguredLog
            .lines()
            .filter(l -> l.contains("EXPORT_STORE_URL is invalid: The store URL's endpoint"))
            .toList();
    assertFalse(lines.isEmpty(), "a log line names the variable:\n" + misconfiguredLog);
    assertTrue(lines.get(0).contains("SEVERE") || lines.get(0).contains("ERROR"), lines.get(0));
    assertFalse(misconfiguredLog.contains(SECRET), "the secret is never logged");
  }

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** The node that started an execution (job parameter {@code node}). */
  private static String startedOn(long executionId) throws SQLException, IOException {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT jobparameters FROM job_execution WHERE jobexecutionid = ?")) {
      ps.setLong(1, executionId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Properties p = new Properties();
        p.load(new StringReader(rs.getString(1)));
        return p.getProperty("node");
      }
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(JDBC, USER, PASSWORD);
  }
}
