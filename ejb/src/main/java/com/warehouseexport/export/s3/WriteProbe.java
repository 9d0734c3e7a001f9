package com.warehouseexport.export.s3;

import com.warehouseexport.core.s3.S3Location;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The write probe of PRODUCT.md §5 "Validation proves delivery": list the prefix, write a small
 * probe object under {@code <key>/_warehouse-export/}, delete it. This class is the pure part: the
 * probe object's key and text, and the one sentence an administrator reads for each outcome, naming
 * the missing permission ({@code s3:ListBucket}, {@code s3:PutObject}, {@code s3:DeleteObject}). A
 * denied delete is a {@link Level#WARNING}: the write succeeded, so exports will land; only the
 * probe object stays behind. {@link S3Gateway#probeWrite} runs the steps.
 */
public final class WriteProbe {

  /** The folder under the key prefix that holds the probe objects. */
  public static final String FOLDER = "_warehouse-export";

  /** The steps, in order; the first that fails ends the probe (except a failed delete). */
  public enum Step {
    LIST("s3:ListBucket"),
    PUT("s3:PutObject"),
    DELETE("s3:DeleteObject");

    private final String permission;

    Step(String permission) {
      this.permission = permission;
    }

    /** The IAM action this step needs. */
    public String permission() {
      return permission;
    }
  }

  /** How the probe ended. */
  public enum Level {
    /** Listed, written and deleted: exports will land there. */
    OK,
    /** Written, but the probe object could not be deleted: exports will land there. */
    WARNING,
    /** A step before the write succeeded failed, or the write itself: nothing will land. */
    FAILED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The probe's outcome.
   *
   * @param level ok, warning (delete refused or failed) or failed
   * @param step the step that failed (null when ok)
   * @param field the settings field to blame, or null (see {@link ValidationResult})
   * @param message a sentence for an administrator
   * @param probeKey the probe object's key
   */
  public record Report(Level level, Step step, String field, String message, String probeKey) {

    public Report {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(probeKey, "probeKey");
    }

    /** True when a file was written (ok or warning): exports will land there. */
    public boolean written() {
      return level != Level.FAILED;
    }
  }

  private WriteProbe() {}

  /** {@code <prefix>/_warehouse-export/probe-<id>.txt} ({@code _warehouse-export/…} without). */
  public static String key(String keyPrefix, UUID id) {
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Objects.requireNonNull(id, "id");
    return (keyPrefix.isEmpty() ? "" : keyPrefix + "/") + FOLDER + "/probe-" + id + ".txt";
  }

  /** The probe object's text: what it is, and that it may be deleted. */
  public static byte[] body(Instant at) {
    return ("This file was written by Warehouse Export at "
            + at
            + " to check that it may write to this bucket (a \"test file\").\n"
            + "It is deleted right after it is written; if you can read this, deleting it was not"
            + " allowed (s3:DeleteObject). You may delete it: exports do not need it.\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Every step succeeded. */
  public static Report ok(S3Location location, String probeKey) {
    return new Report(
        Level.OK,
        null,
        null,
        "A test file was written to bucket '"
            + location.bucket()
            + "' under '"
            + folder(location)
            + "' and deleted again: exports will land there.",
        probeKey);
  }

  /**
   * A step failed.
   *
   * @param translated the failure as {@link S3ErrorTranslator} words it (used when the provider did
   *     not deny the permission but failed otherwise: credentials, bucket, network)
   * @param accessDenied whether the provider answered AccessDenied (a permission is missing)
   */
  public static Report failed(
      Step step,
      ValidationResult translated,
      boolean accessDenied,
      S3Location location,
      String probeKey) {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(translated, "translated");
    String bucket = location.bucket();
    String scope = location.keyPrefix().isEmpty() ? "" : " for '" + location.keyPrefix() + "/*'";
    if (step == Step.DELETE) {
      String why =
          accessDenied
              ? "deleting it was refused: grant "
                  + Step.DELETE.permission()
                  + scope
                  + " so that test files are removed"
              : "deleting it failed (" + stripDot(translated.message()) + ")";
      return new Report(
          Level.WARNING,
          step,
          null,
          "A test file was written to bucket '"
              + bucket
              + "', so exports will land there, but "
              + why
              + ". The test file '"
              + probeKey
              + "' stays in the bucket; you may delete it (exports replace their files and do not"
              + " need "
              + Step.DELETE.permission()
              + ").",
          probeKey);
    }
    if (!accessDenied) {
      String context =
          step == Step.LIST
              ? "Listing bucket '" + bucket + "' failed: "
              : "Writing a test file to bucket '" + bucket + "' failed: ";
      return new Report(
          Level.FAILED, step, translated.field(), context + translated.message(), probeKey);
    }
    String message =
        step == Step.LIST
            ? "The credentials are valid but may not list bucket '"
                + bucket
                + "': grant "
                + Step.LIST.permission()
                + (location.keyPrefix().isEmpty()
                    ? ""
                    : " for prefix '" + location.keyPrefix() + "/'")
                + ". Nothing was written."
            : "The credentials may list bucket '"
                + bucket
                + "' but not write to it: grant "
                + Step.PUT.permission()
                + scope
                + " (and s3:AbortMultipartUpload for large files). A test file could not be written"
                + " to '"
                + folder(location)
                + "', so exports would fail.";
    return new Report(Level.FAILED, step, null, message, probeKey);
  }

  /** The probe folder with a trailing slash, e.g. {@code exports/_warehouse-export/}. */
  static String folder(S3Location location) {
    return (location.keyPrefix().isEmpty() ? "" : location.keyPrefix() + "/") + FOLDER + "/";
  }

  private static String stripDot(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
