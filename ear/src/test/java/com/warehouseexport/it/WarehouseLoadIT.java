package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load snippets published in {@code docs/load/} work on a real export: a history with awkward
 * company names is exported ({@code 30-days-daily}), downloaded, and loaded into PostgreSQL (by
 * {@code psql}, running {@code docs/load/postgresql.sql} as documented) and into DuckDB (running
 * {@code docs/load/duckdb.sql} through its JDBC driver). Both tables must hold exactly the rows of
 * the file, with the documented column types.
 */
@ExtendWith(ArquillianExtension.class)
class WarehouseLoadIT {

  private static final String AS_OF = "2026-03-15T12:00:00Z";
  private static final Path LOAD_DIR = Path.of("..", "docs", "load");

  /** Column names and the SQL type each warehouse must give them (PostgreSQL, DuckDB). */
  private static final Map<String, String[]> COLUMNS = new LinkedHashMap<>();

  static {
    column("company_id", "text", "VARCHAR");
    column("company_name", "text", "VARCHAR");
    column("feature_name", "text", "VARCHAR");
    column("feature_id", "text", "VARCHAR");
    column("date", "date", "DATE");
    column("first_seen", "date", "DATE");
    column("last_seen", "date", "DATE");
    column("first_used", "date", "DATE");
    column("last_used", "date", "DATE");
    column("stars_state_label", "text", "VARCHAR");
    column("stars_state", "smallint", "SMALLINT");
    column("frequency_label", "text", "VARCHAR");
    column("frequency", "smallint", "SMALLINT");
    column("satisfaction_label", "text", "VARCHAR");
    column("satisfaction", "smallint", "SMALLINT");
    column("feedback_count", "integer", "INTEGER");
    column("segment_names", "text", "VARCHAR");
    column("segment_ids", "text", "VARCHAR");
  }

  private static void column(String name, String postgres, String duckdb) {
    COLUMNS.put(name, new String[] {postgres, duckdb});
  }

  private static final String ACME = "acme,eu";
  private static final String ACME_NAME = "Acme, Inc.";
  private static final String QUOTE_NAME = "Quote \"Q\" Ltd";
  private static final String LINES_NAME = "Line 1, \"Line 2\"";
  private static final String UNICODE_NAME = "Zürich 日本 😀 Ünïcödé";
  private static final String REPORTS_NAME = "Reports, \"beta\"";

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;

  @BeforeEach
  void api() {
    api = new Api(base);
  }

  @Test
  void documentedPostgresqlAndDuckdbSnippetsLoadARealExport() throws Exception {
    long execution = exportAwkwardHistory();
    byte[] csv = api.downloadCsv(execution);
    Api.Answer gzAnswer =
        api.asOperator("GET", "/api/v1/exports/" + execution + "/csv?format=csv.gz", null);
    assertEquals(200, gzAnswer.status(), gzAnswer.body());
    assertEquals(
        "application/gzip", gzAnswer.raw().headers().firstValue("Content-Type").orElse(""));
    assertTrue(
        gzAnswer.raw().headers().firstValue("Content-Disposition").orElse("").endsWith(".csv.gz\""),
        gzAnswer.raw().headers().toString());
    byte[] gz = gzAnswer.raw().body();
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      assertArrayEquals(csv, in.readAllBytes(), "the .csv.gz holds exactly the CSV's bytes");
    }
    Path csvFile = Files.createTempFile(Path.of("target"), "warehouse-load-", ".csv");
    Path gzFile = Files.createTempFile(Path.of("target"), "warehouse-load-", ".csv.gz");
    try {
      Files.write(csvFile, csv);
      Files.write(gzFile, gz);
      List<List<String>> fileRows = parse(new String(csv, StandardCharsets.UTF_8));
      assertEquals(1 + 5 * 2 * 30, fileRows.size(), "header + 5 companies × 2 features × 30 days");

      assertLoaded("PostgreSQL", fileRows, loadIntoPostgresql(csvFile, false));
      assertLoaded("DuckDB", fileRows, loadIntoDuckdb(csvFile));
      // The same file gzip-compressed: gzip -dc … | psql, and DuckDB reading the .csv.gz as is.
      assertLoaded("PostgreSQL (gzip -dc)", fileRows, loadIntoPostgresql(gzFile, true));
      assertLoaded("DuckDB (.csv.gz)", fileRows, loadIntoDuckdb(gzFile));
    } finally {
      Files.deleteIfExists(csvFile);
      Files.deleteIfExists(gzFile);
    }
  }

  @Test
  void schemaDocShowsExactlyTheTestedSnippets() throws IOException {
    String schema = Files.readString(LOAD_DIR.resolveSibling("schema.md"), StandardCharsets.UTF_8);
    for (String file : List.of("postgresql.sql", "duckdb.sql")) {
      String body =
          documented(file)
              .lines()
              .filter(l -> !l.startsWith("--"))
              .collect(java.util.stream.Collectors.joining("\n"))
              .strip();
      assertTrue(schema.contains(body), "docs/schema.md must show docs/load/" + file + " verbatim");
    }
    assertTrue(
        schema.contains(
            "gzip -dc company-usage-production-12-2026-11-26.csv.gz | psql"
                + " \"postgresql://user@host:5432/analytics\" -v ON_ERROR_STOP=1 -f"
                + " docs/load/postgresql.sql"),
        "docs/schema.md shows the tested gzip -dc | psql pipeline");
  }

  // --- the export ---------------------------------------------------------------------------

  private long exportAwkwardHistory() {
    Api.Tenant tenant = api.newTenant("Warehouse load " + UUID.randomUUID(), "PRO");
    long env = tenant.environmentId();
    put(
        "/api/v1/environments/" + env + "/features/reports",
        "{\"name\":" + Json.createValue(REPORTS_NAME) + "}");
    put("/api/v1/environments/" + env + "/features/alerts", "{\"name\":\"Alerts ✓\"}");
    put(
        "/api/v1/environments/" + env + "/segments/big",
        "{\"name\":\"Big seats\",\"conditions\":"
            + "[{\"attribute\":\"seats\",\"operator\":\"greater than\",\"value\":100}]}");
    put(
        "/api/v1/environments/" + env + "/segments/eu",
        "{\"name\":\"EU\",\"conditions\":"
            + "[{\"attribute\":\"region\",\"operator\":\"is\",\"value\":\"EU\"}]}");

    JsonArrayBuilder items = Json.createArrayBuilder();
    String firstSeen = "2026-01-10T09:00:00Z";
    items.add(
        company(ACME, firstSeen, null)
            .add(
                "attributes",
                Json.createObjectBuilder()
                    .add("name", ACME_NAME)
                    .add("region", "EU")
                    .add("seats", 500)));
    items.add(company("quote", firstSeen, QUOTE_NAME));
    items.add(company("lines", firstSeen, LINES_NAME).add("userId", "u-lines"));
    items.add(company("unicode", firstSeen, UNICODE_NAME));
    items.add(company("empty", firstSeen, ""));
    // acme,eu uses "reports" every day from 2026-02-24 to 2026-03-15 (20 days): retained, daily.
    for (int day = 0; day < 20; day++) {
      items.add(
          Json.createObjectBuilder()
              .add("type", "event")
              .add("event", "reports")
              .add("userId", "u-acme")
              .add("companyId", ACME)
              .add(
                  "timestamp",
                  Instant.parse("2026-02-24T10:00:00Z").plusSeconds(86_400L * day).toString()));
    }
    items.add(
        Json.createObjectBuilder()
            .add("type", "feedback")
            .add("featureKey", "reports")
            .add("userId", "u-acme")
            .add("companyId", ACME)
            .add("score", 5)
            .add("comment", "Great, \"really\"\ngreat")
            .add("timestamp", "2026-03-01T10:00:00Z"));
    // one usage by a user whose default company is "lines" (no companyId): tried, quarterly.
    items.add(
        Json.createObjectBuilder()
            .add("type", "event")
            .add("event", "reports")
            .add("userId", "u-lines")
            .add("timestamp", "2026-02-20T08:00:00Z"));

    Api.Answer ingested =
        api.withKey(tenant.ingestionKey(), "/api/v1/track/bulk", items.build().toString());
    assertEquals(200, ingested.status(), ingested.body());
    assertEquals(0, ingested.json().getInt("rejected"), ingested.body());

    long execution =
        api.startExport(env, "{\"aggregation\":\"30-days-daily\",\"asOf\":\"" + AS_OF + "\"}");
    JsonObject status = api.awaitExport(execution);
    assertEquals("COMPLETED", status.getString("status"), status.toString());
    return execution;
  }

  private static JsonObjectBuilder company(String id, String timestamp, String name) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("type", "company")
            .add("companyId", id)
            .add("timestamp", timestamp);
    if (name != null) {
      b.add("attributes", Json.createObjectBuilder().add("name", name));
    }
    return b;
  }

  private void put(String path, String json) {
    Api.Answer answer = api.asOperator("PUT", path, json);
    assertEquals(200, answer.status(), path + ": " + answer.body());
  }

  private static List<List<String>> parse(String csv) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180)) {
      for (CSVRecord record : parser) {
        rows.add(record.toList());
      }
    }
    return rows;
  }

  // --- PostgreSQL: psql -f docs/load/postgresql.sql < file.csv ------------------------------

  private List<List<String>> loadIntoPostgresql(Path csvFile, boolean gzipped) throws Exception {
    String table = "company_usage_it_" + UUID.randomUUID().toString().replace("-", "");
    String sql = documented("postgresql.sql").replaceAll("\\bcompany_usage\\b", table);
    Path script = Files.createTempFile(Path.of("target"), "postgresql-load-", ".sql");
    String jdbcUrl = postgresUrl();
    String user = System.getenv().getOrDefault("DB_USER", "postgres");
    String password = System.getenv("DB_PASSWORD");
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
      try {
        Files.writeString(script, sql, StandardCharsets.UTF_8);
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        ProcessBuilder psql =
            new ProcessBuilder(
                    "psql",
                    "-X",
                    "-q",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "-h",
                    uri.getHost(),
                    "-p",
                    Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()),
                    "-U",
                    user,
                    "-d",
                    uri.getPath().substring(1),
                    "-f",
                    script.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE);
        if (password != null) {
          psql.environment().put("PGPASSWORD", password);
        }
        psql.environment().put("PGCONNECT_TIMEOUT", "10");
        Process process;
        if (gzipped) { // gzip -dc file.csv.gz | psql … -f postgresql.sql
          List<Process> pipeline =
              ProcessBuilder.startPipeline(
                  List.of(
                      new ProcessBuilder("gzip", "-dc", csvFile.toString())
                          .redirectError(ProcessBuilder.Redirect.INHERIT),
                      psql));
          process = pipeline.get(1);
        } else { // psql … -f postgresql.sql < file.csv
          process = psql.redirectInput(csvFile.toFile()).start();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "psql did not finish");
        assertEquals(0, process.exitValue(), "psql failed: " + output);

        assertTypes(c, table, 0, "PostgreSQL");
        return rows(c, table);
      } finally {
        try (Statement st = c.createStatement()) {
          st.execute("DROP TABLE IF EXISTS " + table);
        }
        Files.deleteIfExists(script);
      }
    }
  }

  private static String postgresUrl() {
    String url = System.getenv("DB_URL");
    if (url != null && url.startsWith("jdbc:postgresql:")) {
      return url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    }
    return "jdbc:postgresql://127.0.0.1:5432/test";
  }

  // --- DuckDB: docs/load/duckdb.sql with {{CSV_PATH}} -------------------------------------

  private List<List<String>> loadIntoDuckdb(Path csvFile) throws Exception {
    String path = csvFile.toAbsolutePath().toString().replace("'", "''");
    String sql = documented("duckdb.sql").replace("{{CSV_PATH}}", path);
    assertTrue(!sql.contains("{{"), "every placeholder is replaced");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (String statement : sql.split(";\\s*\\n")) {
        if (!statement.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
          st.execute(statement);
        }
      }
      assertTypes(c, "company_usage", 1, "DuckDB");
      return rows(c, "company_usage");
    }
  }

  // --- shared assertions --------------------------------------------------------------------

  private static String documented(String file) throws IOException {
    Path path = LOAD_DIR.resolve(file);
    assertTrue(Files.isRegularFile(path), "missing " + path.toAbsolutePath() + " (run from ear/)");
    return Files.readString(path, StandardCharsets.UTF_8);
  }

  private static void assertTypes(Connection c, String table, int warehouse, String name)
      throws SQLException {
    Map<String, String> actual = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          actual.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    Map<String, String> expected = new LinkedHashMap<>();
    COLUMNS.forEach((column, types) -> expected.put(column, types[warehouse]));
    assertEquals(expected, actual, name + " column names and types, in order");
  }

  /** All rows ordered by Company ID, Feature ID, Date (code point order); SQL NULL as null. */
  private static List<List<String>> rows(Connection c, String table) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT "
                    + String.join(", ", COLUMNS.keySet())
                    + " FROM "
                    + table
                    + " ORDER BY company_id, feature_id, date")) {
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= COLUMNS.size(); i++) {
          Object value = rs.getObject(i);
          row.add(value == null ? null : value.toString());
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static void assertLoaded(
      String warehouse, List<List<String>> fileRows, List<List<String>> loaded) {
    assertEquals(fileRows.size() - 1, loaded.size(), warehouse + " row count");
    for (int i = 0; i < loaded.size(); i++) {
      List<String> expected = new ArrayList<>(fileRows.get(i + 1));
      List<String> actual = new ArrayList<>(loaded.get(i));
      actual.replaceAll(v -> v == null ? "" : v); // the file's empty field is the table's NULL
      assertEquals(expected, actual, warehouse + " row " + (i + 1) + " (file order)");
    }

    List<String> acme = row(loaded, ACME, "reports", "2026-03-15");
    assertEquals(
        java.util.Arrays.asList(
            ACME,
            ACME_NAME,
            REPORTS_NAME,
            "reports",
            "2026-03-15",
            "2026-01-10",
            "2026-03-15",
            "2026-02-24",
            "2026-03-15",
            "retained",
            "3",
            "daily",
            "3",
            "very satisfied",
            "5",
            "1",
            "Big seats,EU",
            "big,eu"),
        acme,
        warehouse);
    List<String> acmeBeforeFeedback = row(loaded, ACME, "reports", "2026-02-28");
    assertNull(acmeBeforeFeedback.get(13), warehouse + ": no satisfaction label yet");
    assertNull(acmeBeforeFeedback.get(14), warehouse + ": no satisfaction yet");
    assertEquals("0", acmeBeforeFeedback.get(15), warehouse);

    List<String> lines = row(loaded, "lines", "reports", "2026-03-15");
    assertEquals(
        LINES_NAME,
        lines.get(1),
        warehouse + ": a name with a comma and quotes (line breaks are refused at ingestion)");
    assertEquals("2026-02-20", lines.get(7), warehouse + ": used via the default company");
    assertEquals(List.of("tried", "2", "quarterly", "0"), lines.subList(9, 13), warehouse);
    assertNull(lines.get(16), warehouse + ": no segment is an empty field, loaded as NULL");

    List<String> empty = row(loaded, "empty", "alerts", "2026-02-14");
    assertNull(empty.get(1), warehouse + ": an empty name loads as NULL");
    assertEquals("Alerts ✓", empty.get(2), warehouse);
    assertNull(empty.get(7), warehouse + ": never used, First Used is NULL");
    assertNull(empty.get(8), warehouse + ": never used, Last Used is NULL");
    assertEquals(List.of("never", "1", "inactive", "0"), empty.subList(9, 13), warehouse);

    assertEquals(QUOTE_NAME, row(loaded, "quote", "alerts", "2026-03-01").get(1), warehouse);
    assertEquals(UNICODE_NAME, row(loaded, "unicode", "reports", "2026-03-01").get(1), warehouse);
    assertEquals(ACME, loaded.get(0).get(0), warehouse + ": code point order puts acme,eu first");
    assertEquals("unicode", loaded.get(loaded.size() - 1).get(0), warehouse);
  }

  private static List<String> row(
      List<List<String>> rows, String company, String feature, String date) {
    return rows.stream()
        .filter(r -> r.get(0).equals(company) && r.get(3).equals(feature) && r.get(4).equals(date))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + company + "/" + feature + "/" + date));
  }
}
