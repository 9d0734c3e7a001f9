package com.warehouseexport.platform;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The one fault-injection mechanism: test-only fault points, inert unless the server runs with
 * {@code -Dwarehouse.faultInjection=true} ({@link #ENABLED_PROPERTY}; only the integration tests
 * set it). Two kinds of points, both named here:
 *
 * <ul>
 *   <li>armed once through the operator API ({@code POST /api/v1/system/scheduler/tick
 *       ?haltAfterClaim=true} or {@code ?haltAfterStart=true}): {@link #afterClaim()} halts the JVM
 *       between claiming a period and starting its job, {@link #afterStart()} between starting the
 *       job and pointing the claim at it;
 *   <li>asked for per export through operator-only job parameters ({@code failAfterCompanies},
 *       {@code pausePerCompanyMillis}, {@code pauseAt}): {@link #chunkFaults} says what the export
 *       step's listener ({@code faultInjectionListener} in the job XML) does around each chunk.
 * </ul>
 */
public final class FaultInjection {

  /** The system property that enables fault injection on a server (the ITs set it). */
  public static final String ENABLED_PROPERTY = "warehouse.faultInjection";

  /**
   * A node-wide pause per company for every export of the node (also automatic ones), used by tests
   * that kill a node mid-export; a job's own {@code pausePerCompanyMillis} wins.
   */
  public static final String NODE_PAUSE_PROPERTY = "warehouse.fault.pause-per-company-millis";

  private static final Logger LOG = Logger.getLogger(FaultInjection.class.getName());
  private static final AtomicBoolean HALT_AFTER_CLAIM = new AtomicBoolean();
  private static final AtomicBoolean HALT_AFTER_START = new AtomicBoolean();

  /** Node-wide pause between every claim and its start, in milliseconds (tests only). */
  public static final String PAUSE_AFTER_CLAIM_PROPERTY =
      "warehouse.fault.pause-after-claim-millis";

  private FaultInjection() {}

  /** True when the server was started with fault injection enabled. */
  public static boolean enabled() {
    return Boolean.getBoolean(ENABLED_PROPERTY);
  }

  /** Arms the next automatic export claim to kill the JVM right after it is committed. */
  public static void armHaltAfterNextClaim() {
    if (!enabled()) {
      throw new IllegalStateException("Fault injection is not enabled on this server");
    }
    HALT_AFTER_CLAIM.set(true);
  }

  /** Arms the next automatic export start to kill the JVM after its job was created. */
  public static void armHaltAfterNextStart() {
    if (!enabled()) {
      throw new IllegalStateException("Fault injection is not enabled on this server");
    }
    HALT_AFTER_START.set(true);
  }

  /**
   * The point between starting a period's job and pointing its claim at it: if armed, the JVM stops
   * at once, leaving a job the claim does not name.
   */
  public static void afterStart() {
    if (enabled() && HALT_AFTER_START.getAndSet(false)) {
      LOG.severe("Fault injection: halting the JVM between job start and claim update");
      haltSoon();
    }
  }

  /**
   * The point between claiming a period and starting its job: if armed, the JVM stops at once (no
   * shutdown hooks, as if killed), leaving a claim without an execution.
   */
  public static void afterClaim() {
    long pause = Long.getLong(PAUSE_AFTER_CLAIM_PROPERTY, 0L);
    if (enabled() && pause > 0) {
      // DatabaseFaultIT: a window between claim and start in which the database goes away.
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (enabled() && HALT_AFTER_CLAIM.getAndSet(false)) {
      LOG.severe("Fault injection: halting the JVM between claim and start");
      haltSoon();
    }
  }

  /** Stops the JVM as if killed (no shutdown hooks), after what was committed reached disk. */
  private static void haltSoon() {
    try {
      // The embedded H2 writes committed data to disk within about a second: wait for it, so
      // what was committed survives the crash as it would on PostgreSQL.
      Thread.sleep(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(137);
  }

  /**
   * The faults an export job's parameters ask for around its chunks, on this server: {@link
   * ChunkFaults#NONE} unless fault injection is enabled. Without a pause of its own the job takes
   * the node-wide one ({@link #NODE_PAUSE_PROPERTY}).
   *
   * @param failAfterCompanies a number, or null/blank for never
   * @param pausePerCompanyMillis a number, or null/blank/0 for the node's pause (none by default)
   * @param pauseAt {@code before-write} (null/blank: the default) or {@code after-write}
   */
  public static ChunkFaults chunkFaults(
      String failAfterCompanies, String pausePerCompanyMillis, String pauseAt) {
    return ChunkFaults.of(
        enabled(),
        failAfterCompanies,
        isZero(pausePerCompanyMillis)
            ? ServerSettings.property(NODE_PAUSE_PROPERTY, null)
            : pausePerCompanyMillis,
        pauseAt);
  }

  private static boolean isZero(String value) {
    return value == null || value.isBlank() || value.strip().equals("0");
  }

  /**
   * What a test asked an export to suffer around its chunks. Pure: the batch listener applies it.
   *
   * @param failAfterCompanies fail the chunk that would take the export past this many companies;
   *     negative: never
   * @param pausePerCompanyMillis pause this long per company of a chunk; 0: no pause
   * @param pauseAfterWrite pause after the writer wrote the chunk (its bytes are in the part file,
   *     its checkpoint is not committed yet: a kill then leaves bytes past the checkpoint) instead
   *     of before (a kill then leaves the file at its checkpoint)
   */
  public record ChunkFaults(
      long failAfterCompanies, long pausePerCompanyMillis, boolean pauseAfterWrite) {

    /** The default of {@code pauseAt}: pause before the writer sees the chunk. */
    public static final String BEFORE_WRITE = "before-write";

    /** {@code pauseAt}: pause after the writer wrote the chunk, before its checkpoint commits. */
    public static final String AFTER_WRITE = "after-write";

    /** No faults: what every production server gets. */
    public static final ChunkFaults NONE = new ChunkFaults(-1, 0, false);

    /**
     * The faults the (injected) job parameters ask for, if fault injection is enabled.
     *
     * @param enabled whether the server runs with {@link #ENABLED_PROPERTY}
     * @throws IllegalArgumentException if {@code pauseAt} is neither of its two values
     */
    public static ChunkFaults of(
        boolean enabled, String failAfterCompanies, String pausePerCompanyMillis, String pauseAt) {
      if (!enabled) {
        return NONE;
      }
      return new ChunkFaults(
          number(failAfterCompanies, NONE.failAfterCompanies),
          Math.max(0, number(pausePerCompanyMillis, NONE.pausePerCompanyMillis)),
          pauseAfterWrite(pauseAt));
    }

    /**
     * Whether {@code pauseAt} asks for the pause after the write.
     *
     * @throws IllegalArgumentException naming the two values if it is neither
     */
    public static boolean pauseAfterWrite(String pauseAt) {
      if (pauseAt == null || pauseAt.isBlank()) {
        return false;
      }
      return switch (pauseAt.strip().toLowerCase(Locale.ROOT)) {
        case BEFORE_WRITE -> false;
        case AFTER_WRITE -> true;
        default ->
            throw new IllegalArgumentException(
                "pauseAt must be " + BEFORE_WRITE + " or " + AFTER_WRITE);
      };
    }

    private static long number(String value, long absent) {
      return value == null || value.isBlank() ? absent : Long.parseLong(value.trim());
    }

    /**
     * Whether writing this chunk must fail.
     *
     * @param companiesCommitted companies written and checkpointed before this chunk
     * @param companiesInChunk companies in the chunk about to be written
     */
    public boolean failsChunk(long companiesCommitted, int companiesInChunk) {
      return failAfterCompanies >= 0 && companiesCommitted + companiesInChunk > failAfterCompanies;
    }

    /** How long to pause around a chunk of this many companies. */
    public long pauseMillis(int companiesInChunk) {
      return pausePerCompanyMillis * companiesInChunk;
    }
  }
}
