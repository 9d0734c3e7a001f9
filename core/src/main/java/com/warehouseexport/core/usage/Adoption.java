package com.warehouseexport.core.usage;

/**
 * When a company first adopted a feature: the first usage day on which it had used the feature on
 * at least {@code adoptionDays} days within the {@code adoptionWindowDays} days ending that day
 * (PRODUCT.md §3, STARS). Shared by the export, which evaluates it from a company's whole history,
 * and by ingestion, which keeps it per company × feature so that an export need not read history
 * older than its window.
 */
public final class Adoption {

  private Adoption() {}

  /**
   * The first adoption day not before {@code notBefore}, or {@link Long#MAX_VALUE}.
   *
   * <p>Adoption can only start on a usage day (the window's count only grows when a usage day
   * enters), so it is the first usage day {@code i} whose {@code adoptionDays}-th predecessor
   * (inclusive) lies within the window ending on it.
   *
   * @param days usage epoch days, strictly ascending; only {@code days[0..length)} are read. For a
   *     result at or after {@code notBefore} to be exact they must contain every usage day from
   *     {@code notBefore - adoptionWindowDays + 1} on.
   * @param length how many leading elements of {@code days} to use
   * @param adoptionDays usage days needed in the window, at least 1
   * @param adoptionWindowDays the window length in days, at least {@code adoptionDays}
   * @param notBefore the earliest adoption day of interest (epoch day)
   */
  public static long firstAdoptionDay(
      long[] days, int length, int adoptionDays, int adoptionWindowDays, long notBefore) {
    for (int i = adoptionDays - 1; i < length; i++) {
      if (days[i] >= notBefore && days[i] - days[i - adoptionDays + 1] < adoptionWindowDays) {
        return days[i];
      }
    }
    return Long.MAX_VALUE;
  }

  /** The first adoption day of a whole history, or {@link Long#MAX_VALUE}. */
  public static long firstAdoptionDay(long[] days, int adoptionDays, int adoptionWindowDays) {
    return firstAdoptionDay(days, days.length, adoptionDays, adoptionWindowDays, Long.MIN_VALUE);
  }
}
