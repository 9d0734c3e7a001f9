package com.warehouseexport.platform;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Reading the server's settings: an environment variable first, then the equivalent system
 * property; blank means unset. Durations are ISO-8601 ({@code PT30S}); a malformed one stops with a
 * message naming the variable.
 */
public final class ServerSettings {

  private ServerSettings() {}

  /** The stripped value of {@code env} or else of {@code property}; null when both are unset. */
  public static String value(String env, String property) {
    String value = System.getenv(env);
    if (value == null || value.isBlank()) {
      value = System.getProperty(property);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * Like {@link #value} but not stripped: a secret's (a password's) surrounding whitespace is part
   * of it. Null when both are unset or blank; a null {@code property} reads the environment only.
   */
  public static String secret(String env, String property) {
    String value = System.getenv(env);
    if ((value == null || value.isBlank()) && property != null) {
      value = System.getProperty(property);
    }
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * A setting that only exists as a system property (the server's own, such as {@code
   * jboss.server.data.dir}, or one tests set): its stripped value, or {@code fallback} when unset
   * or blank.
   */
  public static String property(String property, String fallback) {
    String value = System.getProperty(property);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  /**
   * A whole number that only exists as a system property (limits and knobs for tests), read as
   * {@link Integer#getInteger(String, int)} reads it: unset or malformed gives {@code fallback}.
   */
  public static int integer(String property, int fallback) {
    return (int) whole(property, fallback);
  }

  /** As {@link #integer}, for a long. */
  public static long longValue(String property, long fallback) {
    return whole(property, fallback);
  }

  /** True when the system property is {@code true} (any case), as {@link Boolean#getBoolean}. */
  public static boolean flag(String property) {
    return Boolean.parseBoolean(property(property, "false"));
  }

  private static long whole(String property, long fallback) {
    String value = property(property, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.decode(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * The directory of the node's own files (master key ring, export work files): {@code
   * warehouse.data.dir}, else the server's {@code jboss.server.data.dir}, else the working
   * directory.
   */
  public static java.nio.file.Path dataDir() {
    return java.nio.file.Path.of(
        property("warehouse.data.dir", property("jboss.server.data.dir", ".")));
  }

  /** The duration configured by {@code env} / {@code property}, or {@code fallback}. */
  public static Duration duration(String env, String property, Duration fallback) {
    String value = value(env, property);
    if (value == null) {
      return fallback;
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(
          env + " must be an ISO-8601 duration such as PT30S, was '" + value + "'", e);
    }
  }
}
