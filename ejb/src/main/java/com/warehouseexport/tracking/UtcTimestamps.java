package com.warehouseexport.tracking;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A fast path for the timestamp form nearly every tracking call uses, {@code
 * yyyy-MM-ddTHH:mm:ss[.fraction]Z} with 1–9 fraction digits: parsed by hand instead of by {@code
 * OffsetDateTime.parse}, whose formatter was a quarter of the ingestion's CPU. Anything else
 * (offsets, lower case, out-of-range fields, impossible dates) answers null, and the caller parses
 * it the general way; so this accepts nothing the general parser would refuse and gives the same
 * instant for what it accepts.
 */
final class UtcTimestamps {

  private UtcTimestamps() {}

  /** The instant of a plain UTC timestamp, or null to let the general parser decide. */
  static Instant parse(String s) {
    int length = s.length();
    if (length < 20 || length > 30 || s.charAt(length - 1) != 'Z') {
      return null;
    }
    if (s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) {
      return null;
    }
    if (minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (length > 20) {
      int fractionDigits = length - 21;
      if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
        return null;
      }
      int fraction = digits(s, 20, fractionDigits);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = fractionDigits; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
  }

  /** The non-negative number in {@code s[from, from + count)}, or -1 if a char is no digit. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
