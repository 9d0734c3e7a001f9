package com.warehouseexport.core.usage;

import java.time.Instant;

/** Binary searches over ascending arrays. */
final class SortedSearch {

  private SortedSearch() {}

  /** Number of leading elements of the ascending array {@code sorted} that are {@code <= t}. */
  static int countAtOrBefore(Instant[] sorted, Instant t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid].isAfter(t)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Number of elements among {@code sorted[0..length)} within {@code [from, to]}. */
  static int countInRange(long[] sorted, int length, long from, long to) {
    if (from > to) {
      return 0;
    }
    return firstGreaterThan(sorted, length, to) - firstGreaterThan(sorted, length, from - 1);
  }

  private static int firstGreaterThan(long[] sorted, int length, long value) {
    int lo = 0;
    int hi = length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] > value) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
