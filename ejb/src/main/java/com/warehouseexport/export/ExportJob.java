package com.warehouseexport.export;

/** Names shared by the job XML, its launcher and the history: one place to spell them. */
public final class ExportJob {

  /** The job id of {@code META-INF/batch-jobs/company-usage-export.xml}. */
  public static final String NAME = "company-usage-export";

  /** The chunk step that reads, aggregates and writes the CSV. */
  public static final String EXPORT_STEP = "export";

  /** The step that publishes the finished file (export store, or the customer's bucket). */
  public static final String PUBLISH_STEP = "publish";

  // Job parameters: ids and instants only, never secrets (they are persisted in the repository).
  public static final String ENVIRONMENT_ID = "environmentId";
  public static final String AGGREGATION = "aggregation";
  public static final String AS_OF = "asOf";
  public static final String DESTINATION = "destination";
  public static final String PERIOD = "period";
  public static final String CADENCE = "cadence";
  public static final String REQUESTED_BY = "requestedBy";
  public static final String NODE = "node";

  /**
   * The {@code claimed_at} (epoch millis) of the period claim an automatic export was started for:
   * names the claim attempt, so a start whose claim was never pointed at it can be found again.
   */
  public static final String CLAIMED_AT = "claimedAt";

  /** {@code true}: a download whose formula-like cells are prefixed with {@code '}. */
  public static final String SPREADSHEET_SAFE = "spreadsheetSafe";

  // Operator knobs (honoured by the job only on a server started with fault injection enabled,
  // except the chunk size, which is always honoured).
  /** Companies per chunk (checkpoint interval); the job XML's default is 25. */
  public static final String CHUNK_COMPANIES = "chunkCompanies";

  /** Fault injection: fail the chunk that would take the export past this many companies. */
  public static final String FAIL_AFTER_COMPANIES = "failAfterCompanies";

  /** Fault injection: pause this long per company written, so a test can stop or kill mid-run. */
  public static final String PAUSE_PER_COMPANY_MILLIS = "pausePerCompanyMillis";

  /**
   * Fault injection: where that pause happens, {@code before-write} (default) or {@code
   * after-write} (the chunk is in the part file, its checkpoint not committed yet).
   */
  public static final String PAUSE_AT = "pauseAt";

  /** Destination: the server-side export store, downloaded through the API/console. */
  public static final String DESTINATION_DOWNLOAD = "download";

  /** Destination: the environment's configured S3-compatible bucket. */
  public static final String DESTINATION_S3 = "s3";

  /** {@link #DESTINATION}: a PostgreSQL table (issue 23 item 2). */
  public static final String DESTINATION_POSTGRESQL = "postgresql";

  /**
   * True when job parameter {@code destination} means a download (absent, empty or {@link
   * #DESTINATION_DOWNLOAD}); anything else is a period destination ({@code
   * export.destination.PeriodDestination}).
   */
  public static boolean isDownload(String destination) {
    return destination == null || destination.isEmpty() || DESTINATION_DOWNLOAD.equals(destination);
  }

  private ExportJob() {}
}
