package com.warehouseexport.batch.faults;

/**
 * What the tests asked the export to suffer: fail once more than {@code failAfterCompanies}
 * companies would be written, and pause per company written. Pure: the listener applies it.
 *
 * @param failAfterCompanies fail the chunk that would take the export past this many companies;
 *     negative: never
 * @param pausePerCompanyMillis pause this long per company to be written; 0: no pause
 */
public record FaultInjection(long failAfterCompanies, long pausePerCompanyMillis) {

  /** The system property that enables fault injection on a server (the ITs set it). */
  public static final String ENABLED_PROPERTY = "warehouse.faultInjection";

  /**
   * A node-wide pause per company for every export of the node (also automatic ones), used by tests
   * that kill a node mid-export; a job's own {@code pausePerCompanyMillis} wins.
   */
  public static final String NODE_PAUSE_PROPERTY = "warehouse.fault.pause-per-company-millis";

  /** No faults: what every production server gets. */
  public static final FaultInjection NONE = new FaultInjection(-1, 0);

  /**
   * The faults the (injected) job parameters ask for, if fault injection is enabled.
   *
   * @param enabled whether the server runs with {@link #ENABLED_PROPERTY}
   * @param failAfterCompanies a number, or null/blank for never
   * @param pausePerCompanyMillis a number, or null/blank for none
   */
  public static FaultInjection of(
      boolean enabled, String failAfterCompanies, String pausePerCompanyMillis) {
    if (!enabled) {
      return NONE;
    }
    return new FaultInjection(
        number(failAfterCompanies, NONE.failAfterCompanies),
        Math.max(0, number(pausePerCompanyMillis, NONE.pausePerCompanyMillis)));
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

  /** How long to pause before writing a chunk of this many companies. */
  public long pauseMillis(int companiesInChunk) {
    return pausePerCompanyMillis * companiesInChunk;
  }
}
