package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.s3.S3ProxyProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet as a bucket format and a download format (issue 23 item 1), in the real server against
 * s3proxy: an automatic export with {@code "format":"parquet"} lands one {@code .parquet} object
 * per period whose manifest names the format and holds its exact bytes and SHA-256; DuckDB (JDBC)
 * reads it, and its rows equal the CSV of the same period column by column, with types; a manual
 * download asked for as Parquet equals the CSV download the same way.
 */
@ExtendWith(ArquillianExtension.class)
class ParquetExportIT {

  static final String ACCESS_KEY = "it-access-key";
  static final String SECRET = "it-secret-key-do-not-leak";
  static S3ProxyProcess s3;

  private static final Set<Integer> DATES = Set.of(5, 6, 7, 8, 9);
  private static final Set<Integer> INTS = Set.of(11, 13, 15, 16);

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;
  @TempDir Path dir;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3.createBucket("it-bucket");
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  @BeforeEach
  void api() {
    api = new Api(base);
  }

  @Test
  void anAutomaticParquetExportLandsWithItsManifestAndEqualsTheCsvOfThePeriod() throws Exception {
    Api.Tenant t = api.newTenant("Parquet " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate yesterday = today.minusDays(1);
    api.ingestOneCompany(t, today, 20, 10);
    ingestAwkwardCompanies(t, today);
    String prefix = "parquet-" + env;
    String slug = "production-" + env;

    Api.Answer saved = put(env, settings(prefix, "parquet"));
    assertEquals(200, saved.status(), saved.body());
    assertEquals("parquet", saved.json().getString("format"));
    Api.Answer read =
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-settings", null);
    assertEquals("parquet", read.json().getString("format"), read.body());

    awaitPeriod(env, yesterday, false);
    Path parquet = object(prefix, slug, yesterday, ".parquet");
    assertTrue(Files.exists(parquet), listing());
    assertFalse(Files.exists(object(prefix, slug, yesterday, ".csv")), "no CSV object");
    byte[] stored = Files.readAllBytes(parquet);
    assertEquals("PAR1", new String(stored, 0, 4, StandardCharsets.US_ASCII));
    JsonObject m;
    try (JsonReader r =
        Json.createReader(
            new StringReader(
                Files.readString(object(prefix, slug, yesterday, ".manifest.json"))))) {
      m = r.readObject();
    }
    assertEquals("parquet", m.getString("format"), m.toString());
    assertEquals("zstd", m.getString("compression"), m.toString());
    assertTrue(m.getString("objectKey").endsWith(".parquet"), m.toString());
    assertEquals(stored.length, m.getJsonNumber("bytes").longValue());
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)),
        m.getString("sha256"));

    // The same period as CSV (a replacing re-run): the Parquet rows equal its rows.
    assertEquals(200, put(env, settings(prefix, "csv")).status());
    awaitPeriod(env, yesterday, true);
    String csv = Files.readString(object(prefix, slug, yesterday, ".csv"));
    long rows = assertEqualRows(parquet, csv);
    assertEquals(m.getJsonNumber("rows").longValue(), rows);
    assertTrue(rows >= 6, "rows: " + rows);
  }

  @Test
  void aDownloadAskedForAsParquetEqualsTheCsvDownload() throws Exception {
    Api.Tenant t = api.newTenant("Parquet download " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    api.ingestOneCompany(t, today, 20, 10);
    ingestAwkwardCompanies(t, today);
    long id =
        api.startExport(
            env,
            "{\"aggregation\":\"30-days-daily\",\"asOf\":\""
                + today.atStartOfDay(ZoneOffset.UTC).toInstant()
                + "\"}");
    JsonObject done = api.awaitExport(id);
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    String csv = new String(api.downloadCsv(id), StandardCharsets.UTF_8);
    Api.Answer answer =
        api.asOperator("GET", "/api/v1/exports/" + id + "/csv?format=parquet", null);
    assertEquals(200, answer.status(), answer.body());
    assertEquals(
        "application/vnd.apache.parquet",
        answer.raw().headers().firstValue("Content-Type").orElse(""));
    assertTrue(
        answer.raw().headers().firstValue("Content-Disposition").orElse("").contains(".parquet\""),
        answer.raw().headers().toString());
    Path parquet = dir.resolve("download.parquet");
    Files.write(parquet, answer.raw().body());
    assertTrue(assertEqualRows(parquet, csv) > 30, "30 days of rows");
  }

  /** Companies whose cells test the typing: no name, quotes, commas, line breaks, emoji. */
  private void ingestAwkwardCompanies(Api.Tenant t, LocalDate today) {
    var items = Json.createArrayBuilder();
    String[][] companies = {
      {"nameless", null}, {"quoted", "\"Quote\", Comma & Co"}, {"unicode", "Ünïcødé 🚀 名前"}
    };
    for (String[] c : companies) {
      var attributes = Json.createObjectBuilder().add("region", "de");
      if (c[1] != null) {
        attributes.add("name", c[1]);
      }
      items.add(
          Json.createObjectBuilder()
              .add("type", "company")
              .add("companyId", c[0])
              .add("attributes", attributes)
              .add("timestamp", today.minusDays(15) + "T08:00:00Z"));
      items.add(
          Json.createObjectBuilder()
              .add("type", "event")
              .add("event", "alerts")
              .add("userId", "u-" + c[0])
              .add("companyId", c[0])
              .add("timestamp", today.minusDays(3) + "T10:00:00Z"));
    }
    Api.Answer answer =
        api.withKey(t.ingestionKey(), "/api/v1/track/bulk", items.build().toString());
    assertEquals(200, answer.status(), answer.body());
    assertEquals(0, answer.json().getInt("rejected"), answer.body());
  }

  /**
   * DuckDB reads the Parquet file: its rows, in order, equal the CSV's, column by column — empty
   * cells are NULL, dates are DATE, codes and counts INTEGER, the rest VARCHAR. Returns the rows.
   */
  private static long assertEqualRows(Path parquet, String csv) throws Exception {
    List<CSVRecord> records;
    try (CSVParser p = CSVParser.parse(csv, CSVFormat.RFC4180)) {
      records = new ArrayList<>(p.getRecords());
    }
    records.remove(0); // header
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = db.createStatement()) {
      s.execute("SET threads = 1");
      try (PreparedStatement ps = db.prepareStatement("SELECT * FROM read_parquet(?)")) {
        ps.setString(1, parquet.toString());
        try (ResultSet rs = ps.executeQuery()) {
          var meta = rs.getMetaData();
          assertEquals(18, meta.getColumnCount());
          for (int c = 1; c <= 18; c++) {
            assertEquals(
                DATES.contains(c) ? "DATE" : INTS.contains(c) ? "INTEGER" : "VARCHAR",
                meta.getColumnTypeName(c),
                meta.getColumnName(c));
          }
          int i = 0;
          while (rs.next()) {
            assertTrue(i < records.size(), "more Parquet rows than CSV rows");
            CSVRecord r = records.get(i);
            for (int c = 1; c <= 18; c++) {
              String cell = r.get(c - 1);
              String where = "row " + (i + 1) + " column " + meta.getColumnName(c);
              if (cell.isEmpty()) {
                assertNull(rs.getObject(c), where);
              } else if (DATES.contains(c)) {
                assertEquals(LocalDate.parse(cell), rs.getObject(c, LocalDate.class), where);
              } else if (INTS.contains(c)) {
                assertEquals(Integer.valueOf(cell), rs.getObject(c), where);
              } else {
                assertEquals(cell, rs.getString(c), where);
              }
            }
            i++;
          }
          assertEquals(records.size(), i, "rows");
          return i;
        }
      }
    }
  }

  private String settings(String prefix, String format) {
    return Json.createObjectBuilder()
        .add("enabled", true)
        .add("cadence", "daily")
        .add("provider", "CUSTOM")
        .add("bucket", "it-bucket")
        .add("region", "us-east-1")
        .add("key", prefix)
        .add("endpoint", s3.endpoint().toString())
        .add("accessKeyId", ACCESS_KEY)
        .add("secretAccessKey", SECRET)
        .add("format", format)
        .build()
        .toString();
  }

  private Api.Answer put(long env, String json) {
    return api.asOperator("PUT", "/api/v1/environments/" + env + "/export-settings", json);
  }

  private void awaitPeriod(long env, LocalDate period, boolean replace) {
    Api.Answer run =
        api.asOperator(
            "POST",
            "/api/v1/environments/"
                + env
                + "/export-periods/"
                + period
                + (replace ? "?replace=true" : ""),
            null);
    assertEquals(202, run.status(), run.body());
    JsonObject done = api.awaitExport(run.json().getJsonNumber("executionId").longValue());
    assertEquals("COMPLETED", done.getString("status"), done.toString());
  }

  private Path object(String prefix, String slug, LocalDate period, String suffix) {
    return s3.basedir()
        .resolve("it-bucket")
        .resolve(prefix)
        .resolve("company-usage/daily/date=" + period)
        .resolve("company-usage-" + slug + "-" + period + suffix);
  }

  private String listing() throws IOException {
    try (var files = Files.walk(s3.basedir())) {
      return files.map(Path::toString).toList().toString();
    }
  }
}
