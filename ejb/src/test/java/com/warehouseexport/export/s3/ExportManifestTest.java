package com.warehouseexport.export.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.warehouseexport.core.csv.CompanyUsageCsv;
import com.warehouseexport.core.csv.OutputFormat;
import com.warehouseexport.core.schedule.Cadence;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExportManifestTest {

  private static final String KEY =
      "exports/company-usage/weekly/date=2026-11-29/company-usage-production-12-2026-11-29.csv";

  private static ExportManifest manifest() {
    return ExportManifest.of(
        12,
        Cadence.WEEKLY,
        LocalDate.parse("2026-11-29"),
        Instant.parse("2026-11-30T00:00:00Z"),
        1234,
        new UploadResult(KEY, 567_890, "ab".repeat(32), "etag-3"),
        Instant.parse("2026-11-30T00:15:00.250Z"));
  }

  @Test
  void containsEveryFieldInOrder() {
    JsonObject json = Json.createReader(new StringReader(manifest().toJson())).readObject();

    assertEquals(
        List.of(
            "schemaVersion",
            "environmentId",
            "cadence",
            "period",
            "asOf",
            "objectKey",
            "rows",
            "bytes",
            "sha256",
            "format",
            "compression",
            "contentType",
            "columns",
            "generatedAt"),
        List.copyOf(json.keySet()));
    assertEquals(CompanyUsageCsv.SCHEMA_VERSION, json.getString("schemaVersion"));
    assertEquals(12, json.getJsonNumber("environmentId").longValueExact());
    assertEquals("weekly", json.getString("cadence"));
    assertEquals("2026-11-29", json.getString("period"));
    assertEquals("2026-11-30T00:00:00Z", json.getString("asOf"));
    assertEquals(KEY, json.getString("objectKey"));
    assertEquals(1234, json.getJsonNumber("rows").longValueExact());
    assertEquals(567_890, json.getJsonNumber("bytes").longValueExact());
    assertEquals("ab".repeat(32), json.getString("sha256"));
    assertEquals("csv", json.getString("format"));
    assertEquals("none", json.getString("compression"));
    assertEquals("text/csv; charset=UTF-8", json.getString("contentType"));
    assertEquals(
        CompanyUsageCsv.HEADER,
        json.getJsonArray("columns").getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .collect(Collectors.toList()));
    assertEquals("2026-11-30T00:15:00.250Z", json.getString("generatedAt"));
  }

  @Test
  void bytesAreUtf8OfTheText() {
    ExportManifest m = manifest();

    assertEquals(m.toJson(), new String(m.toJsonBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void negativeCountsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ExportManifest(
                1,
                Cadence.DAILY,
                LocalDate.parse("2026-11-26"),
                Instant.EPOCH,
                KEY,
                -1,
                0,
                "",
                OutputFormat.CSV,
                Instant.EPOCH));
  }

  @Test
  void aGzipObjectIsNamedAsSuch() {
    ExportManifest gz =
        ExportManifest.of(
            12,
            Cadence.WEEKLY,
            LocalDate.parse("2026-11-29"),
            Instant.parse("2026-11-30T00:00:00Z"),
            1234,
            new UploadResult(KEY + ".gz", 100_000, "cd".repeat(32), "etag-1"),
            OutputFormat.CSV_GZ,
            Instant.parse("2026-11-30T00:15:00Z"));
    JsonObject json = Json.createReader(new StringReader(gz.toJson())).readObject();
    assertEquals("gzip", json.getString("compression"));
    assertEquals("csv.gz", json.getString("format"));
    assertEquals(KEY + ".gz", json.getString("objectKey"));
    assertEquals("text/csv; charset=UTF-8", json.getString("contentType"));
  }

  @Test
  void aParquetObjectNamesItsFormatCompressionAndContentType() {
    ExportManifest pq =
        ExportManifest.of(
            12,
            Cadence.DAILY,
            LocalDate.parse("2026-11-29"),
            Instant.parse("2026-11-30T00:00:00Z"),
            1234,
            new UploadResult("k/x.parquet", 9_000, "ef".repeat(32), "etag-2"),
            OutputFormat.PARQUET,
            Instant.parse("2026-11-30T00:15:00Z"));
    JsonObject json = Json.createReader(new StringReader(pq.toJson())).readObject();
    assertEquals("parquet", json.getString("format"));
    assertEquals("zstd", json.getString("compression"));
    assertEquals("application/vnd.apache.parquet", json.getString("contentType"));
    assertEquals(9_000, json.getJsonNumber("bytes").longValueExact());
    assertEquals("ef".repeat(32), json.getString("sha256"));
  }
}
