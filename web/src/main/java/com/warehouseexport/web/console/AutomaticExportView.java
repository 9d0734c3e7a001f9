package com.warehouseexport.web.console;

import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.automatic.AutoPause;
import com.warehouseexport.export.automatic.ExportNow;
import com.warehouseexport.export.automatic.ExportStatusService;
import com.warehouseexport.export.automatic.ExportStatusView;
import com.warehouseexport.export.destination.DestinationCheck;
import com.warehouseexport.export.settings.DestinationSchedule;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.export.settings.FieldError;
import com.warehouseexport.export.settings.FileLayoutPreview;
import com.warehouseexport.export.settings.PostgresInput;
import com.warehouseexport.export.settings.PostgresView;
import com.warehouseexport.export.settings.SettingsInput;
import com.warehouseexport.export.settings.SettingsRejectedException;
import com.warehouseexport.export.settings.SettingsView;
import com.warehouseexport.tenancy.PlanNotAllowedException;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The automatic export section of the Data export page: the toggle, the schedule, the S3 provider
 * form that adapts to AWS / GCP / Custom, write-only credentials ("leave blank to keep"), Save with
 * validation by listing the bucket, and the status block. Tenancy and plan are checked again on the
 * server before saving. The destination is the bucket or a PostgreSQL table (host, port, database,
 * schema, table, user, write-only password, TLS mode) with Test connection. The list of the
 * destinations saved, above the form, is {@link DestinationsView}.
 */
@Named
@ViewScoped
public class AutomaticExportView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private DataExportView page;
  @Inject private ConsolePages pages;
  @EJB private ExportSettingsService settings;
  @EJB private ExportStatusService statusService;
  @EJB private AutoPause autoPause;
  @EJB private ExportNow exportNowService;

  private boolean initialized;
  private boolean configured;
  private boolean enabled;
  private String cadence = "daily";
  private String format = "csv";
  private String provider = "AWS";
  private String bucketUrl;
  private String bucket;
  private String region;
  private String key;
  private String endpoint;
  private String accessKeyId;
  private String secretAccessKey;
  private String accessKeyIdHint;
  private String destinationKind = "s3";
  private String pgHost;
  private String pgPort;
  private String pgDatabase;
  private String pgSchema;
  private String pgTable;
  private String pgUser;
  private String pgPassword;
  private String pgTlsMode = "require";
  private boolean pgPasswordSet;
  private transient ExportStatusView status;

  /** The schedule (switch, cadence) of each destination saved, by kind. */
  private List<DestinationSchedule> schedules = List.of();

  /**
   * Counts the changes to what the destinations list shows (a save, a switch, another destination
   * in the form, a status read afresh): {@link DestinationsView} reads its list again when it
   * moved.
   */
  private int revision;

  /** The status is read afresh, and with it the destinations list. */
  private void forgetStatus() {
    status = null;
    revision++;
  }

  private void init() {
    if (initialized || !page.isLoaded()) {
      return;
    }
    initialized = true;
    SettingsView v = settings.view(page.getEnvironmentId());
    configured = v.configured();
    enabled = v.enabled();
    cadence = v.cadence();
    format = v.format();
    provider = v.provider();
    bucketUrl = v.bucketUrl();
    bucket = v.bucket();
    region = v.region();
    key = v.key();
    endpoint = v.endpoint();
    accessKeyIdHint = v.accessKeyIdHint();
    destinationKind = v.destinationKind();
    schedules = v.destinations();
    PostgresView pg = v.postgres();
    if (pg != null) {
      pgHost = pg.host();
      pgPort = Integer.toString(pg.port());
      pgDatabase = pg.database();
      pgSchema = pg.schema();
      pgTable = pg.table();
      pgUser = pg.user();
      pgTlsMode = pg.tlsMode();
      pgPasswordSet = pg.passwordSet();
    }
  }

  /** Save: validates by listing the bucket; nothing is saved when that fails. */
  public void save() {
    if (!page.recheck()) {
      return;
    }
    init();
    invalid.clear();
    FacesContext faces = FacesContext.getCurrentInstance();
    Map<String, String> missing = enabled ? missingFields() : Map.of();
    if (!missing.isEmpty()) {
      secretAccessKey = null;
      refuse(faces, missing);
      return;
    }
    try {
      ExportSettingsService.Saved result =
          settings.saveChecked(
              page.getEnvironmentId(),
              new SettingsInput(
                  enabled,
                  cadence,
                  provider,
                  bucketUrl,
                  bucket,
                  region,
                  key,
                  endpoint,
                  accessKeyId,
                  secretAccessKey,
                  format,
                  isPostgres() ? postgresInput() : null),
              pages.caller().username());
      SettingsView saved = result.view();
      DestinationCheck check = result.check();
      configured = true;
      schedules = saved.destinations();
      accessKeyIdHint = saved.accessKeyIdHint();
      pgPasswordSet = saved.postgres() != null && saved.postgres().passwordSet();
      accessKeyId = null;
      secretAccessKey = null;
      pgPassword = null;
      forgetStatus();
      offerExportAgain = false;
      faces.addMessage(
          null,
          new FacesMessage(
              check != null && check.warning()
                  ? FacesMessage.SEVERITY_WARN
                  : FacesMessage.SEVERITY_INFO,
              check != null
                  ? "Saved. " + check.message()
                  : enabled && isPostgres()
                      ? "Saved. The connection and the rights were checked: exports will land in"
                          + " the table."
                      : "Saved. Automatic export is switched off.",
              null));
    } catch (SettingsRejectedException | PlanNotAllowedException e) {
      secretAccessKey = null;
      pgPassword = null;
      List<FieldError> errors =
          e instanceof SettingsRejectedException r
              ? r.errors()
              : List.of(new FieldError(null, e.getMessage()));
      Map<String, String> atFields = new LinkedHashMap<>();
      for (FieldError error : errors) {
        String field = componentOf(error.field());
        if (field != null && shownFields().contains(field)) {
          atFields.putIfAbsent(field, error.message());
        } else {
          faces.addMessage(
              null, new FacesMessage(FacesMessage.SEVERITY_ERROR, error.message(), null));
        }
      }
      if (atFields.isEmpty()) {
        faces.validationFailed();
      } else {
        refuse(faces, atFields);
      }
    }
  }

  // ---------------------------------------------------------------- test file, export now

  /** True after Export now found the period landed: the form offers "Export again". */
  private boolean offerExportAgain;

  public boolean isOfferExportAgain() {
    return offerExportAgain;
  }

  /** The execution the last Export now started or found (landed or running); null before. */
  private Long exportNowExecution;

  /** The run page of that execution ({@code run.xhtml?env=…&id=…}), or null. */
  public String getExportNowRunUrl() {
    if (exportNowExecution == null || !page.isLoaded()) {
      return null;
    }
    return "/console/environments/run.xhtml?env="
        + page.getEnvironmentId()
        + "&id="
        + exportNowExecution;
  }

  public Long getExportNowExecution() {
    return exportNowExecution;
  }

  /** The Export again button: what a re-export of the period replaces at this destination. */
  public String getExportAgainLabel() {
    return exportAgainLabel(isPostgres());
  }

  static String exportAgainLabel(boolean table) {
    return table
        ? "Export again (replace the period’s rows in the table)"
        : "Export again (replace the file)";
  }

  /** Send a test file with the saved settings (the write probe): ok, warning or why not. */
  public void sendTestFile() {
    if (!page.recheck()) {
      return;
    }
    try {
      DestinationCheck check = settings.sendTestFile(page.getEnvironmentId(), getDestinationKind());
      FacesContext.getCurrentInstance()
          .addMessage(
              null,
              new FacesMessage(
                  check.delivers()
                      ? check.warning() ? FacesMessage.SEVERITY_WARN : FacesMessage.SEVERITY_INFO
                      : FacesMessage.SEVERITY_ERROR,
                  (check.delivers() ? "Test file sent. " : "Test file not sent. ")
                      + check.message(),
                  null));
    } catch (SettingsRejectedException e) {
      ConsolePages.error(e.getMessage());
    }
  }

  /** Export now: the latest ended period, through the schedule's claim (exactly once). */
  public void exportNow() {
    runExportNow(false);
  }

  /** Export again: the admin confirmed re-exporting a period that already landed. */
  public void exportAgain() {
    runExportNow(true);
  }

  private void runExportNow(boolean again) {
    if (!page.recheck()) {
      return;
    }
    forgetStatus();
    offerExportAgain = false;
    exportNowExecution = null;
    try {
      ExportNow.Outcome outcome =
          exportNowService.run(
              page.getEnvironmentId(), getDestinationKind(), again, pages.caller().username());
      offerExportAgain = outcome.result() == ExportNow.Result.ALREADY_LANDED;
      exportNowExecution = outcome.executionId();
      ConsolePages.info(outcome.message());
    } catch (ExportStateException | PlanNotAllowedException e) {
      ConsolePages.error(e.getMessage());
    }
  }

  /**
   * Where a period's file lands, from the form's current values (the real key builder), e.g. {@code
   * s3://b/exports/company-usage/daily/date=YYYY-MM-DD/company-usage-prod-1-YYYY-MM-DD.csv}.
   */
  public String getLayoutPreview() {
    init();
    if (!page.isLoaded()) {
      return "";
    }
    if (slug == null) {
      slug = settings.objectSlug(page.getEnvironmentId());
    }
    return isAws()
        ? FileLayoutPreview.ofAwsUrl(bucketUrl, cadence, format, slug)
        : FileLayoutPreview.of(bucket, key, cadence, format, slug);
  }

  /** {@link #getLayoutPreview} cut after each slash, so a narrow screen wraps it at a folder. */
  public List<String> getLayoutPreviewParts() {
    return Formats.cutAfterSlashes(getLayoutPreview());
  }

  private String slug;

  /**
   * Test connection (PostgreSQL table): connects with the form's values (a blank password uses the
   * stored one for the same host and user) and checks the rights in a rolled-back transaction;
   * saves nothing.
   */
  public void testConnection() {
    if (!page.recheck()) {
      return;
    }
    init();
    invalid.clear();
    FacesContext faces = FacesContext.getCurrentInstance();
    Map<String, String> missing = missingFields();
    if (!missing.isEmpty()) {
      pgPassword = null;
      refuse(faces, missing, "Not tested");
      return;
    }
    try {
      String message = settings.testPostgres(page.getEnvironmentId(), postgresInput());
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    } catch (SettingsRejectedException e) {
      String field = componentOf(e.field());
      if (field == null || !shownFields().contains(field)) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        faces.validationFailed();
      } else {
        refuse(faces, Map.of(field, e.getMessage()), "Connection test failed");
      }
    } finally {
      pgPassword = null;
    }
  }

  private PostgresInput postgresInput() {
    return new PostgresInput(
        pgHost, pgPort, pgDatabase, pgSchema, pgTable, pgUser, pgPassword, pgTlsMode);
  }

  private String componentOf(String field) {
    return DestinationFormFields.componentOf(field, isPostgres());
  }

  private Set<String> shownFields() {
    return DestinationFormFields.shown(isPostgres(), getProvider());
  }

  /** The fields the invalid ones of the last Save; each is marked aria-invalid. */
  private final Set<String> invalid = new LinkedHashSet<>();

  public boolean invalid(String field) {
    return invalid.contains(field);
  }

  /** Every required field left empty, at once (the bucket check needs them all). */
  private Map<String, String> missingFields() {
    return isPostgres()
        ? DestinationFormFields.missingForTable(
            pgHost, pgDatabase, pgUser, pgPassword, pgPasswordSet)
        : DestinationFormFields.missingForBucket(
            getProvider(), configured, bucketUrl, bucket, endpoint, accessKeyId, secretAccessKey);
  }

  /**
   * Nothing saved: each problem next to its field (once), and one summary above Save naming the
   * fields.
   */
  private void refuse(FacesContext faces, Map<String, String> problems) {
    refuse(faces, problems, "Not saved");
  }

  /** As {@link #refuse(FacesContext, Map)}, the summary starting with {@code outcome}. */
  private void refuse(FacesContext faces, Map<String, String> problems, String outcome) {
    problems.forEach(
        (field, message) -> {
          invalid.add(field);
          faces.addMessage(
              "automatic:" + field, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
        });
    faces.addMessage(
        null,
        new FacesMessage(
            FacesMessage.SEVERITY_ERROR,
            DestinationFormFields.summary(outcome, List.copyOf(problems.keySet())),
            null));
    faces.validationFailed();
  }

  public ExportStatusView getStatus() {
    init();
    if (status == null && page.isLoaded()) {
      status = statusService.status(page.getEnvironmentId(), getDestinationKind(), Instant.now());
    }
    return status;
  }

  /** {@code never ran before}, {@code successful}, {@code failed} or {@code paused}. */
  public String getStatusLabel() {
    return StatusWords.label(getStatus());
  }

  /** The badge style of the status. */
  public String getStatusStyle() {
    return StatusWords.style(getStatusLabel());
  }

  public boolean isRunning() {
    ExportStatusView s = getStatus();
    return s != null && s.running();
  }

  /**
   * The status block refreshes itself: while an export runs, and while a period is queued or
   * starting or a retry is pending (after a backfill or Export now the status changes by itself).
   */
  public boolean isLive() {
    ExportStatusView s = getStatus();
    return s != null && (s.running() || s.pending());
  }

  /** The live refresh of the status block while an export runs: read the status afresh. */
  public void refreshStatus() {
    if (page.recheck()) {
      forgetStatus();
    }
  }

  public String getError() {
    ExportStatusView s = getStatus();
    return s == null ? null : s.error();
  }

  public String getLastRun() {
    return StatusWords.lastRun(getStatus());
  }

  public String getNextRun() {
    return StatusWords.nextRun(getStatus(), Instant.now());
  }

  /** "2 periods wait for another attempt; the next one (…, attempt 3) runs at …", or null. */
  public String getRetryText() {
    return StatusWords.retry(getStatus(), Instant.now());
  }

  /** True when automatic export paused itself after repeated failures. */
  public boolean isAutoPaused() {
    ExportStatusView s = getStatus();
    return s != null && s.autoPaused();
  }

  /** The periods that wait for Resume, or null. */
  public String getPausedPeriodsText() {
    return StatusWords.pausedPeriods(getStatus());
  }

  /**
   * Resume: the periods that fell due while paused are exported (within the look-back window) and
   * the ones that failed for good are tried again.
   */
  public void resume() {
    if (!page.recheck()) {
      return;
    }
    forgetStatus();
    if (autoPause.resume(
        page.getEnvironmentId(), getDestinationKind(), pages.caller().username())) {
      ConsolePages.info(
          "Resumed. The paused periods are exported now and the failed ones are tried again.");
    } else {
      ConsolePages.info("Automatic export was not paused.");
    }
  }

  /** The periods failed for good, or null. */
  public String getFailedText() {
    return StatusWords.failed(getStatus());
  }

  /** The periods missed (outside the look-back window), or null. */
  public String getMissedText() {
    return StatusWords.missed(getStatus());
  }

  /** Whether the form shows the PostgreSQL table destination (else the bucket). */
  public boolean isPostgres() {
    return "postgresql".equals(getDestinationKind());
  }

  /** {@code s3} or {@code postgresql}. */
  public String getDestinationKind() {
    init();
    return destinationKind;
  }

  public void setDestinationKind(String destinationKind) {
    init();
    String kind = "postgresql".equals(destinationKind) ? "postgresql" : "s3";
    if (!kind.equals(this.destinationKind)) {
      // Another destination: its own switch, schedule, status (PRODUCT.md §11).
      this.destinationKind = kind;
      schedules.stream()
          .filter(d -> d.kind().equals(kind))
          .findFirst()
          .ifPresentOrElse(
              d -> {
                enabled = d.enabled();
                cadence = d.cadence().id();
              },
              () -> enabled = false);
      forgetStatus();
      offerExportAgain = false;
      exportNowExecution = null;
    }
  }

  /** Whether the destination shown in the form was saved (Test, Export now apply to it). */
  public boolean isKindConfigured() {
    init();
    return schedules.stream().anyMatch(d -> d.kind().equals(destinationKind));
  }

  /** The destinations saved, by kind (what {@link DestinationsView} lists). */
  List<DestinationSchedule> schedules() {
    init();
    return schedules;
  }

  /**
   * How often what the destinations list shows changed in this view (see {@link #forgetStatus}).
   */
  int revision() {
    return revision;
  }

  /**
   * Reads the saved settings again after a destination was switched on or off ({@link
   * DestinationsView#toggle}); the form keeps showing the destination it showed.
   */
  void reloadKeepingShownDestination() {
    String shown = destinationKind;
    initialized = false;
    init();
    destinationKind = shown;
    schedules.stream()
        .filter(d -> d.kind().equals(shown))
        .findFirst()
        .ifPresent(
            d -> {
              enabled = d.enabled();
              cadence = d.cadence().id();
            });
    forgetStatus();
  }

  public String getPgHost() {
    init();
    return pgHost;
  }

  public void setPgHost(String pgHost) {
    this.pgHost = pgHost;
  }

  public String getPgPort() {
    init();
    return pgPort;
  }

  public void setPgPort(String pgPort) {
    this.pgPort = pgPort;
  }

  public String getPgDatabase() {
    init();
    return pgDatabase;
  }

  public void setPgDatabase(String pgDatabase) {
    this.pgDatabase = pgDatabase;
  }

  public String getPgSchema() {
    init();
    return pgSchema;
  }

  public void setPgSchema(String pgSchema) {
    this.pgSchema = pgSchema;
  }

  public String getPgTable() {
    init();
    return pgTable;
  }

  public void setPgTable(String pgTable) {
    this.pgTable = pgTable;
  }

  public String getPgUser() {
    init();
    return pgUser;
  }

  public void setPgUser(String pgUser) {
    this.pgUser = pgUser;
  }

  /** Write-only: never rendered back into the page. */
  public String getPgPassword() {
    return null;
  }

  public void setPgPassword(String pgPassword) {
    this.pgPassword = pgPassword;
  }

  public String getPgTlsMode() {
    init();
    return pgTlsMode;
  }

  public void setPgTlsMode(String pgTlsMode) {
    this.pgTlsMode = pgTlsMode;
  }

  public String getPgPasswordPlaceholder() {
    init();
    return pgPasswordSet ? "•••••••• (leave blank to keep)" : "";
  }

  public boolean isAws() {
    return "AWS".equals(getProvider());
  }

  public boolean isCustom() {
    return "CUSTOM".equals(getProvider());
  }

  public boolean isConfigured() {
    init();
    return configured;
  }

  public boolean isEnabled() {
    init();
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** {@code csv}, {@code csv.gz} or {@code parquet}. */
  public String getFormat() {
    return format;
  }

  public void setFormat(String format) {
    this.format = format;
  }

  public String getCadence() {
    init();
    return cadence;
  }

  public void setCadence(String cadence) {
    this.cadence = cadence;
  }

  public String getProvider() {
    init();
    return provider;
  }

  public void setProvider(String provider) {
    this.provider = provider;
  }

  public String getBucketUrl() {
    init();
    return bucketUrl;
  }

  public void setBucketUrl(String bucketUrl) {
    this.bucketUrl = bucketUrl;
  }

  public String getBucket() {
    init();
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  public String getRegion() {
    init();
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getKey() {
    init();
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getEndpoint() {
    init();
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  /** Never shown back: the field stays empty and shows the hint as a placeholder. */
  public String getAccessKeyId() {
    return accessKeyId;
  }

  public void setAccessKeyId(String accessKeyId) {
    this.accessKeyId = accessKeyId;
  }

  /** Write-only: never rendered back into the page. */
  public String getSecretAccessKey() {
    return null;
  }

  public void setSecretAccessKey(String secretAccessKey) {
    this.secretAccessKey = secretAccessKey;
  }

  public String getAccessKeyIdPlaceholder() {
    init();
    return accessKeyIdHint == null ? "e.g. AKIA…" : accessKeyIdHint + " (leave blank to keep)";
  }

  public String getSecretPlaceholder() {
    init();
    return configured ? "•••••••• (leave blank to keep)" : "";
  }
}
