package com.warehouseexport.export.settings;

import com.warehouseexport.core.crypto.SecretCipher;
import com.warehouseexport.core.csv.OutputFormat;
import com.warehouseexport.core.postgres.InvalidPostgresSettingException;
import com.warehouseexport.core.postgres.PostgresSettingsRules;
import com.warehouseexport.core.postgres.PostgresTarget;
import com.warehouseexport.core.postgres.PostgresTlsRule;
import com.warehouseexport.core.postgres.TlsMode;
import com.warehouseexport.core.s3.InvalidS3SettingException;
import com.warehouseexport.core.s3.ObjectKeys;
import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.S3LocationParser;
import com.warehouseexport.core.s3.S3Provider;
import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.destination.DestinationCheck;
import com.warehouseexport.export.destination.PeriodDestinations;
import com.warehouseexport.export.destination.postgres.PostgresConnections;
import com.warehouseexport.export.destination.postgres.PostgresDestinationSettings;
import com.warehouseexport.export.s3.S3Credentials;
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.PlanNotAllowedException;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Automatic export settings: validation (fields, then listing the bucket with the given
 * credentials), encryption of the credentials at rest, the write-only secret, and decryption for
 * the one place that builds an S3 client. Nothing is saved when validation fails.
 */
@Stateless
public class ExportSettingsService {

  private static final Logger LOG = Logger.getLogger(ExportSettingsService.class.getName());

  @PersistenceContext(unitName = "warehouse")
  private EntityManager em;

  @EJB private MasterKeys masterKeys;
  @EJB private ProvisioningService provisioning;
  @Inject private PeriodDestinations destinations;
  @Inject private Event<ExportSettingsSaved> saved;

  private final Clock clock = Clock.systemUTC();

  public SettingsView view(long environmentId) {
    ExportSettings s = em.find(ExportSettings.class, environmentId);
    if (s == null) {
      return SettingsView.notConfigured();
    }
    String kind = s.getDestinationKind();
    DestinationSchedule last =
        s.schedule(kind)
            .orElse(
                new DestinationSchedule(
                    kind, false, Cadence.fromId(s.getCadence()), s.getFirstPeriod()));
    return new SettingsView(
        true,
        last.enabled(),
        last.cadence().id(),
        s.getProvider() == null ? "AWS" : s.getProvider(),
        s.getBucketUrl(),
        s.getBucket(),
        s.getRegion(),
        s.getKeyPrefix(),
        s.getEndpoint(),
        s.getAccessKeyIdHint(),
        s.getSecretAccessKeyEncrypted() != null,
        s.getOutputFormat(),
        s.getDestinationKind(),
        s.getPgHost() == null
            ? null
            : new PostgresView(
                s.getPgHost(),
                s.getPgPort(),
                s.getPgDatabase(),
                s.getPgSchema(),
                s.getPgTable(),
                s.getPgUser(),
                s.getPgPasswordEncrypted() != null,
                s.getPgTlsMode()),
        s.schedules());
  }

  public Optional<ExportSettings> settings(long environmentId) {
    return Optional.ofNullable(em.find(ExportSettings.class, environmentId));
  }

  /** All environments with automatic export switched on for at least one destination. */
  public List<ExportSettings> enabled() {
    return em.createQuery(
            "SELECT s FROM ExportSettings s WHERE s.enabled = TRUE OR s.pgEnabled = TRUE"
                + " ORDER BY s.environmentId",
            ExportSettings.class)
        .getResultList();
  }

  /**
   * The destination kind an action without one means: the kind saved last ({@code s3} when nothing
   * is saved). Checks {@code kind} when given: {@code s3} or {@code postgresql}.
   */
  public String kindOrDefault(long environmentId, String kind) {
    if (kind != null && !kind.isBlank()) {
      if (!ExportJob.DESTINATION_S3.equals(kind)
          && !ExportJob.DESTINATION_POSTGRESQL.equals(kind)) {
        throw new com.warehouseexport.errors.InvalidInputException(
            "destination", "destination must be s3 or postgresql");
      }
      return kind;
    }
    ExportSettings s = em.find(ExportSettings.class, environmentId);
    return s == null ? ExportJob.DESTINATION_S3 : s.getDestinationKind();
  }

  /**
   * Validates and saves. Switching automatic export off needs no bucket check; everything else is
   * checked by listing the bucket with the resulting credentials.
   */
  /** No setting may hold a control character (PRODUCT.md §9): 400 naming the field. */
  private static void requireClean(SettingsInput input) {
    String[][] fields = {
      {"cadence", input.cadence()},
      {"provider", input.provider()},
      {"bucketUrl", input.bucketUrl()},
      {"bucket", input.bucket()},
      {"region", input.region()},
      {"key", input.key()},
      {"endpoint", input.endpoint()},
      {"accessKeyId", input.accessKeyId()},
      {"secretAccessKey", input.secretAccessKey()}
    };
    for (String[] field : fields) {
      if (!com.warehouseexport.core.input.TextRules.isClean(field[1], false)) {
        throw new com.warehouseexport.errors.InvalidInputException(
            field[0],
            field[0].equals("secretAccessKey") || field[0].equals("accessKeyId")
                ? field[0] + " contains a control character"
                : com.warehouseexport.core.input.TextRules.problem(field[0], field[1], false));
      }
    }
  }

  public SettingsView save(long environmentId, SettingsInput input, String by) {
    return saveChecked(environmentId, input, by).view();
  }

  /**
   * Settings as saved, and what trying the destination proved (null when switched off without a
   * check); a warning (e.g. the test file could not be deleted) still saves.
   */
  public record Saved(SettingsView view, DestinationCheck check) {}

  /**
   * Validates every field at once (a rejection lists them all), then proves delivery (a bucket:
   * list, write a test file, delete it) and saves; nothing is saved when either fails.
   */
  public Saved saveChecked(long environmentId, SettingsInput input, String by) {
    Environment environment = provisioning.environment(environmentId);
    requireClean(input);
    ExportSettings existing = em.find(ExportSettings.class, environmentId);
    if (input.enabled() && !environment.getOrganization().getPlan().allowsAutomaticExport()) {
      throw new PlanNotAllowedException(
          "Automatic export is part of the Enterprise plan; this organization is on "
              + environment.getOrganization().getPlan()
              + ".");
    }
    String kind =
        input.postgres() != null ? ExportJob.DESTINATION_POSTGRESQL : ExportJob.DESTINATION_S3;
    if (!input.enabled() && existing != null && existing.schedule(kind).isPresent()) {
      // Switching off: keep the stored destination (no check needed to stop exporting); the
      // other kind's destination is untouched.
      existing.disable(kind, clock.instant(), by);
      LOG.info(
          () ->
              "Automatic export of environment "
                  + environmentId
                  + " to its "
                  + kind
                  + " destination switched off by "
                  + by);
      return new Saved(view(environmentId), null);
    }
    if (input.postgres() != null) {
      return new Saved(savePostgres(environment, existing, input, by), null);
    }
    List<FieldError> problems =
        SettingsFieldCheck.collect(input, existing != null, existing != null);
    if (!problems.isEmpty()) {
      throw new SettingsRejectedException(problems);
    }
    Cadence cadence;
    try {
      cadence = Cadence.fromId(input.cadence() == null ? "daily" : input.cadence());
    } catch (IllegalArgumentException e) {
      throw new SettingsRejectedException("cadence", "cadence must be daily or weekly");
    }
    OutputFormat format;
    try {
      format = OutputFormat.fromId(input.format());
    } catch (IllegalArgumentException e) {
      throw new SettingsRejectedException("format", e.getMessage());
    }
    S3Location location = location(input);
    SecretCipher cipher = masterKeys.cipher();
    String accessKeyId = blankToNull(input.accessKeyId());
    String secret = blankToNull(input.secretAccessKey());
    boolean storedBucket = existing != null && existing.hasBucket();
    if (accessKeyId == null && storedBucket) {
      accessKeyId =
          cipher.decrypt(existing.getAccessKeyIdEncrypted(), aad(environmentId, "accessKeyId"));
    }
    if (secret == null && storedBucket) {
      secret =
          cipher.decrypt(
              existing.getSecretAccessKeyEncrypted(), aad(environmentId, "secretAccessKey"));
    }
    if (accessKeyId == null) {
      throw new SettingsRejectedException("accessKeyId", "Enter the access key ID");
    }
    if (secret == null) {
      throw new SettingsRejectedException("secretAccessKey", "Enter the secret access key");
    }
    S3Credentials credentials = new S3Credentials(accessKeyId.strip(), secret.strip());
    String slug =
        existing != null
            ? existing.getObjectSlug()
            : ObjectKeys.slug(environment.getName(), environmentId);
    DestinationCheck check =
        destinations
            .of(ExportJob.DESTINATION_S3)
            .check(new ExportDestination(location, credentials, slug, format));
    Instant now = clock.instant();
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    ExportSettings settings = existing;
    if (settings == null) {
      settings = new ExportSettings(environmentId, slug, today);
      em.persist(settings);
    } else if (input.enabled() && !settings.isEnabled(ExportJob.DESTINATION_S3)) {
      // (Re-)enabled: periods missed while it was off are not exported retroactively.
      settings.startPeriodsFrom(ExportJob.DESTINATION_S3, today);
    }
    settings.update(
        input.enabled(),
        cadence.id(),
        location.provider().name(),
        location.provider() == S3Provider.AWS ? blankToNull(input.bucketUrl()) : null,
        location.bucket(),
        location.region(),
        location.keyPrefix(),
        location.endpoint() == null || location.provider() == S3Provider.AWS
            ? null
            : location.endpoint().toString(),
        now,
        by);
    settings.changeOutputFormat(format.id());
    settings.useBucket(now, by);
    settings.replaceCredentials(
        cipher.encrypt(credentials.accessKeyId(), aad(environmentId, "accessKeyId")),
        cipher.encrypt(credentials.secretAccessKey(), aad(environmentId, "secretAccessKey")),
        hint(credentials.accessKeyId()));
    em.flush();
    if (input.enabled()) {
      saved.fire(new ExportSettingsSaved(environmentId, ExportJob.DESTINATION_S3));
    }
    LOG.info(
        () ->
            "Automatic export settings of environment "
                + environmentId
                + " saved by "
                + by
                + " (bucket, enabled="
                + input.enabled()
                + ", "
                + cadence.id()
                + ", "
                + location.provider()
                + ")");
    return new Saved(view(environmentId), check);
  }

  /** The environment's slug in object keys: the stored one, or the one a first save will store. */
  public String objectSlug(long environmentId) {
    ExportSettings s = em.find(ExportSettings.class, environmentId);
    if (s != null) {
      return s.getObjectSlug();
    }
    return ObjectKeys.slug(provisioning.environment(environmentId).getName(), environmentId);
  }

  /**
   * "Send a test file" (PRODUCT.md §5): proves delivery with the saved settings; a failure is
   * answered in the check, not thrown. Rejected when nothing is configured.
   */
  public DestinationCheck sendTestFile(long environmentId, String kind) {
    ExportSettings s = em.find(ExportSettings.class, environmentId);
    if (s == null || s.schedule(kind).isEmpty()) {
      throw new SettingsRejectedException(
          null,
          ExportJob.DESTINATION_POSTGRESQL.equals(kind)
              ? "No PostgreSQL table is configured: save it first"
              : "Automatic export is not configured: save the settings first");
    }
    return destinations.of(kind).sendTestFile(environmentId);
  }

  /**
   * Saves the PostgreSQL table destination after connecting to it and checking the rights a
   * delivery needs (nothing saved on failure); the stored bucket, if any, is kept.
   */
  private SettingsView savePostgres(
      Environment environment, ExportSettings existing, SettingsInput input, String by) {
    long environmentId = environment.getId();
    Cadence cadence;
    try {
      cadence = Cadence.fromId(input.cadence() == null ? "daily" : input.cadence());
    } catch (IllegalArgumentException e) {
      throw new SettingsRejectedException("cadence", "cadence must be daily or weekly");
    }
    PostgresDestinationSettings destination = postgres(environmentId, existing, input.postgres());
    destinations.of(ExportJob.DESTINATION_POSTGRESQL).validate(destination);
    Instant now = clock.instant();
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    ExportSettings settings = existing;
    if (settings == null) {
      settings =
          new ExportSettings(
              environmentId, ObjectKeys.slug(environment.getName(), environmentId), today);
      em.persist(settings);
    } else if (input.enabled() && !settings.isEnabled(ExportJob.DESTINATION_POSTGRESQL)) {
      // (Re-)enabled, or the table is new: it starts with tomorrow's period, not the bucket's.
      settings.startPeriodsFrom(ExportJob.DESTINATION_POSTGRESQL, today);
    }
    PostgresTarget t = destination.target();
    settings.usePostgres(
        input.enabled(),
        cadence.id(),
        t.host(),
        t.port(),
        t.database(),
        t.schema(),
        t.table(),
        t.user(),
        masterKeys.cipher().encrypt(destination.password(), aad(environmentId, PG_PASSWORD)),
        t.tlsMode().id(),
        now,
        by);
    em.flush();
    if (input.enabled()) {
      saved.fire(new ExportSettingsSaved(environmentId, ExportJob.DESTINATION_POSTGRESQL));
    }
    LOG.info(
        () ->
            "Automatic export settings of environment "
                + environmentId
                + " saved by "
                + by
                + " (table, enabled="
                + input.enabled()
                + ", "
                + cadence.id()
                + ", "
                + t.describe()
                + ")");
    return view(environmentId);
  }

  /**
   * Test connection: the same checks as saving a PostgreSQL destination (fields, TLS rule, SSRF
   * guard, connection, rights in a rolled-back transaction), saving nothing; throws {@link
   * SettingsRejectedException} naming the field.
   *
   * @return a sentence for the admin when everything a delivery needs is there
   */
  public String testPostgres(long environmentId, PostgresInput input) {
    provisioning.environment(environmentId);
    if (input == null) {
      throw new SettingsRejectedException("host", "Enter the PostgreSQL destination");
    }
    ExportSettings existing = em.find(ExportSettings.class, environmentId);
    PostgresDestinationSettings destination = postgres(environmentId, existing, input);
    destinations.of(ExportJob.DESTINATION_POSTGRESQL).validate(destination);
    PostgresTarget t = destination.target();
    return "Connected to "
        + t.describe()
        + " as "
        + t.user()
        + ": the table can be "
        + "created or written, and a period replaced. Exports will land there once saved.";
  }

  /** The associated-data field name of the PostgreSQL destination's password. */
  static final String PG_PASSWORD = "pgPassword";

  /** Validated settings with the password entered, or the stored one for the same host and user. */
  private PostgresDestinationSettings postgres(
      long environmentId, ExportSettings existing, PostgresInput input) {
    PostgresTarget target;
    String password;
    boolean sameServer =
        existing != null
            && existing.getPgPasswordEncrypted() != null
            && input.host() != null
            && input.user() != null
            && input.host().strip().equalsIgnoreCase(existing.getPgHost())
            && input.user().strip().equals(existing.getPgUser());
    try {
      target =
          PostgresSettingsRules.target(
              input.host(),
              input.port(),
              input.database(),
              input.schema(),
              input.table(),
              input.user(),
              input.tlsMode());
      password = PostgresSettingsRules.password(input.password(), sameServer);
    } catch (InvalidPostgresSettingException e) {
      throw new SettingsRejectedException(e.field(), e.getMessage());
    }
    if (password == null) {
      password =
          masterKeys
              .cipher()
              .decrypt(existing.getPgPasswordEncrypted(), aad(environmentId, PG_PASSWORD));
    }
    String refusal =
        PostgresTlsRule.refusal(
            target.tlsMode(), target.host(), PostgresConnections.plainTextAllowList());
    if (refusal != null) {
      throw new SettingsRejectedException("tlsMode", refusal);
    }
    return new PostgresDestinationSettings(target, password);
  }

  /** The stored PostgreSQL destination of an environment, without its password. */
  public Optional<PostgresTarget> postgresTarget(long environmentId) {
    ExportSettings s = em.find(ExportSettings.class, environmentId);
    if (s == null || s.getPgHost() == null) {
      return Optional.empty();
    }
    return Optional.of(storedTarget(s));
  }

  /** Decrypted PostgreSQL destination of an environment, for the publish step only. */
  public PostgresDestinationSettings postgresDestination(long environmentId) {
    ExportSettings s = em.find(ExportSettings.class, environmentId);
    if (s == null || s.getPgHost() == null || s.getPgPasswordEncrypted() == null) {
      throw new SettingsRejectedException(
          null, "No PostgreSQL destination is configured for this environment");
    }
    // The TLS rule is applied again: an operator may have removed the host from the allow-list.
    PostgresTarget target = storedTarget(s);
    String refusal =
        PostgresTlsRule.refusal(
            target.tlsMode(), target.host(), PostgresConnections.plainTextAllowList());
    if (refusal != null) {
      throw new SettingsRejectedException("tlsMode", refusal);
    }
    return new PostgresDestinationSettings(
        target,
        masterKeys.cipher().decrypt(s.getPgPasswordEncrypted(), aad(environmentId, PG_PASSWORD)));
  }

  private static PostgresTarget storedTarget(ExportSettings s) {
    return new PostgresTarget(
        s.getPgHost(),
        s.getPgPort(),
        s.getPgDatabase(),
        s.getPgSchema(),
        s.getPgTable(),
        s.getPgUser(),
        TlsMode.fromId(s.getPgTlsMode()));
  }

  /**
   * Operators: export missed periods of the destination of {@code kind} from {@code from} on
   * (bounded by the look-back).
   */
  public void backfillFrom(long environmentId, String kind, LocalDate from) {
    ExportSettings settings = em.find(ExportSettings.class, environmentId);
    if (settings == null || settings.schedule(kind).isEmpty()) {
      throw new SettingsRejectedException(null, "Automatic export is not configured");
    }
    settings.startPeriodsFrom(kind, from);
  }

  /** Decrypted destination of an environment, for the publish step only. */
  public ExportDestination destination(long environmentId) {
    ExportSettings s = em.find(ExportSettings.class, environmentId);
    if (s == null || !s.hasBucket()) {
      throw new SettingsRejectedException(
          null, "No bucket is configured for this environment's automatic export");
    }
    SecretCipher cipher = masterKeys.cipher();
    S3Location location = storedLocation(s);
    return new ExportDestination(
        location,
        new S3Credentials(
            cipher.decrypt(s.getAccessKeyIdEncrypted(), aad(environmentId, "accessKeyId")),
            cipher.decrypt(s.getSecretAccessKeyEncrypted(), aad(environmentId, "secretAccessKey"))),
        s.getObjectSlug(),
        OutputFormat.fromId(s.getOutputFormat()));
  }

  /** The bucket location stored in {@code s}. */
  public static S3Location storedLocation(ExportSettings s) {
    S3Provider provider = S3Provider.valueOf(s.getProvider());
    return switch (provider) {
      case AWS ->
          s.getBucketUrl() != null
              ? S3LocationParser.aws(s.getBucketUrl())
              : S3LocationParser.aws(
                  "https://"
                      + s.getBucket()
                      + ".s3."
                      + s.getRegion()
                      + ".amazonaws.com/"
                      + s.getKeyPrefix());
      case GCP -> S3LocationParser.gcp(s.getBucket(), s.getRegion(), s.getKeyPrefix());
      case CUSTOM ->
          S3LocationParser.custom(s.getBucket(), s.getRegion(), s.getKeyPrefix(), s.getEndpoint());
    };
  }

  static S3Location location(SettingsInput input) {
    S3Provider provider;
    try {
      provider =
          S3Provider.valueOf(
              input.provider() == null ? "" : input.provider().strip().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new SettingsRejectedException("provider", "provider must be AWS, GCP or CUSTOM");
    }
    try {
      return switch (provider) {
        case AWS -> S3LocationParser.aws(input.bucketUrl());
        case GCP -> S3LocationParser.gcp(input.bucket(), input.region(), input.key());
        case CUSTOM ->
            S3LocationParser.custom(input.bucket(), input.region(), input.key(), input.endpoint());
      };
    } catch (InvalidS3SettingException e) {
      throw new SettingsRejectedException(e.field(), e.getMessage());
    }
  }

  static String aad(long environmentId, String field) {
    return "environment:" + environmentId + ":" + field;
  }

  static String hint(String accessKeyId) {
    String id = accessKeyId.strip();
    return id.length() <= 8
        ? "…" + id.substring(Math.max(0, id.length() - 2))
        : id.substring(0, 4) + "…" + id.substring(id.length() - 4);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
