package com.warehouseexport.export.destination.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.csv.OutputFormat;
import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.S3LocationParser;
import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.PublishedExport;
import com.warehouseexport.export.destination.DeliveryFailedException;
import com.warehouseexport.export.destination.FinishedPeriod;
import com.warehouseexport.export.s3.S3ClientFactory;
import com.warehouseexport.export.s3.S3Credentials;
import com.warehouseexport.export.s3.S3ProxyProcess;
import com.warehouseexport.export.settings.ExportDestination;
import com.warehouseexport.export.settings.ExportSettings;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.export.settings.SettingsRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bucket destination against a real s3proxy (separate JVM on 127.0.0.1, checking keys). */
class S3PeriodDestinationTest {

  private static final String ACCESS_KEY = "AKIADESTINATIONTEST1";
  private static final String SECRET = "dest-Secret/0123456789abcdefGHIJKL";
  private static final String BUCKET = "period-destination";
  private static final PeriodId DAY =
      new PeriodId(12, "s3", Cadence.DAILY, LocalDate.parse("2026-11-26"));
  private static final Instant AS_OF = Instant.parse("2026-11-27T00:00:00Z");
  private static final String CSV = "Company ID,Date\nacme,2026-11-26\n";

  private static S3ProxyProcess s3proxy;
  private static String allowlist;

  @TempDir Path dir;

  @BeforeAll
  static void startS3Proxy() throws IOException {
    s3proxy = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3proxy.createBucket(BUCKET);
    allowlist = System.getProperty(S3ClientFactory.ALLOWLIST_PROPERTY);
    System.setProperty(S3ClientFactory.ALLOWLIST_PROPERTY, "127.0.0.1");
  }

  /** The node's upload clients, as the container's singleton holds them. */
  private static final BucketClients CLIENTS = new BucketClients();

  @AfterAll
  static void stopS3Proxy() {
    CLIENTS.close();
    if (allowlist == null) {
      System.clearProperty(S3ClientFactory.ALLOWLIST_PROPERTY);
    } else {
      System.setProperty(S3ClientFactory.ALLOWLIST_PROPERTY, allowlist);
    }
    if (s3proxy != null) {
      s3proxy.close();
    }
  }

  /** Settings of environment 12 as stored: a custom endpoint, prefix {@code exports}. */
  private static S3PeriodDestination destination(OutputFormat format, String secret) {
    S3Location location =
        S3LocationParser.custom(BUCKET, "us-east-1", "exports", s3proxy.endpoint().toString());
    ExportSettings stored = new ExportSettings(12, "production-12", DAY.period());
    stored.update(
        true,
        "daily",
        "CUSTOM",
        null,
        BUCKET,
        "us-east-1",
        "exports",
        s3proxy.endpoint().toString(),
        AS_OF,
        "test");
    stored.changeOutputFormat(format.id());
    ExportSettingsService settings =
        new ExportSettingsService() {
          @Override
          public ExportDestination destination(long environmentId) {
            assertEquals(12, environmentId);
            return new ExportDestination(
                location, new S3Credentials(ACCESS_KEY, secret), "production-12", format);
          }

          @Override
          public Optional<ExportSettings> settings(long environmentId) {
            return Optional.of(stored);
          }
        };
    return new S3PeriodDestination(settings, new BucketAccess(CLIENTS));
  }

  private FinishedPeriod finished() throws IOException {
    Path file = dir.resolve("12.csv.part");
    Files.writeString(file, CSV);
    return new FinishedPeriod(DAY, AS_OF, 1, file);
  }

  private static Path object(String key) {
    return s3proxy.basedir().resolve(BUCKET).resolve(key);
  }

  @Test
  void aPeriodLandsUnderItsKeyWithItsManifestAndIsDescribedThere() throws Exception {
    S3PeriodDestination destination = destination(OutputFormat.CSV, SECRET);
    PublishedExport published = destination.deliver(finished());
    String key =
        "exports/company-usage/daily/date=2026-11-26/company-usage-production-12-2026-11-26.csv";
    assertEquals(key, published.objectKey());
    assertArrayEquals(CSV.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(object(key)));
    assertEquals(CSV.length(), published.bytes());
    assertEquals(1, published.rows());
    assertEquals(
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(CSV.getBytes(StandardCharsets.UTF_8))),
        published.sha256());
    String manifest = Files.readString(object(published.manifestKey()));
    assertTrue(manifest.contains("\"objectKey\":\"" + key + "\""), manifest);
    assertEquals("s3://" + BUCKET + "/" + key, destination.describe(DAY));
    assertEquals("s3", destination.kind());
  }

  @Test
  void aGzipDestinationCompressesWhileItUploads() throws Exception {
    PublishedExport published = destination(OutputFormat.CSV_GZ, SECRET).deliver(finished());
    assertTrue(published.objectKey().endsWith(".csv.gz"), published.objectKey());
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(object(published.objectKey())))) {
      assertEquals(CSV, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aParquetPeriodIsWrittenFromTheCsvAndLandsUnderParquetWithItsManifest() throws Exception {
    String csv =
        "Company ID,Company Name,Feature Name,Feature ID,Date,First Seen,Last Seen,First Used,"
            + "Last Used,STARS State Label,STARS State,Frequency Label,Frequency,"
            + "Satisfaction Label,Satisfaction,Feedback Count,Segment Names,Segment IDs\n"
            + "acme,,Alerts,alerts,2026-11-26,2026-11-01,2026-11-26,2026-11-02,2026-11-25,"
            + "tried,2,monthly,1,,,0,,\n";
    Path file = dir.resolve("12.csv.part");
    Files.writeString(file, csv);
    PublishedExport published =
        destination(OutputFormat.PARQUET, SECRET).deliver(new FinishedPeriod(DAY, AS_OF, 1, file));
    assertEquals(
        "exports/company-usage/daily/date=2026-11-26/company-usage-production-12-2026-11-26.parquet",
        published.objectKey());
    byte[] stored = Files.readAllBytes(object(published.objectKey()));
    assertEquals("PAR1", new String(stored, 0, 4, StandardCharsets.US_ASCII));
    assertEquals(stored.length, published.bytes());
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)),
        published.sha256());
    String manifest = Files.readString(object(published.manifestKey()));
    assertTrue(manifest.contains("\"format\":\"parquet\""), manifest);
    assertTrue(manifest.contains("\"compression\":\"zstd\""), manifest);
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "the temporary Parquet file is gone");
    }
    assertTrue(Files.exists(file), "the part file is left to the job");

    // a part file whose rows disagree with the job's count is not delivered
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                destination(OutputFormat.PARQUET, SECRET)
                    .deliver(new FinishedPeriod(DAY, AS_OF, 2, file)));
    assertTrue(e.getMessage().contains("1 rows"), e.getMessage());

    // a refused upload leaves no temporary Parquet file behind; the next attempt writes it anew
    assertThrows(
        DeliveryFailedException.class,
        () ->
            destination(OutputFormat.PARQUET, "wrong-secret")
                .deliver(new FinishedPeriod(DAY, AS_OF, 1, file)));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary Parquet file after a failure");
    }
    assertArrayEquals(
        stored,
        Files.readAllBytes(
            object(
                destination(OutputFormat.PARQUET, SECRET)
                    .deliver(new FinishedPeriod(DAY, AS_OF, 1, file))
                    .objectKey())),
        "a retried delivery writes the same bytes");
  }

  @Test
  void aRefusedUploadIsADeliveryFailureWithAMessageForTheAdmin() throws Exception {
    DeliveryFailedException e =
        assertThrows(
            DeliveryFailedException.class,
            () -> destination(OutputFormat.CSV, "wrong-secret").deliver(finished()));
    assertTrue(e.getMessage().startsWith("Uploading to the bucket failed: "), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
  }

  @Test
  void settingsThatCannotListTheBucketAreRejected() {
    S3PeriodDestination destination = destination(OutputFormat.CSV, SECRET);
    S3Location location =
        S3LocationParser.custom(BUCKET, "us-east-1", "", s3proxy.endpoint().toString());
    assertThrows(
        SettingsRejectedException.class,
        () ->
            destination.validate(
                new ExportDestination(
                    location,
                    new S3Credentials(ACCESS_KEY, "wrong-secret"),
                    "production-12",
                    OutputFormat.CSV)));
    destination.validate(
        new ExportDestination(
            location, new S3Credentials(ACCESS_KEY, SECRET), "production-12", OutputFormat.CSV));
  }

  @Test
  void anEnvironmentWithoutSettingsIsDescribedWithoutFailing() {
    ExportSettingsService none =
        new ExportSettingsService() {
          @Override
          public Optional<ExportSettings> settings(long environmentId) {
            return Optional.empty();
          }
        };
    assertEquals(
        "s3 (no bucket configured for environment 12)",
        new S3PeriodDestination(none, new BucketAccess(CLIENTS)).describe(DAY));
  }
}
