package com.warehouseexport.export.settings;

import com.warehouseexport.core.csv.OutputFormat;
import com.warehouseexport.core.s3.InvalidS3SettingException;
import com.warehouseexport.core.s3.S3LocationParser;
import com.warehouseexport.core.s3.S3Provider;
import com.warehouseexport.core.schedule.Cadence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Every invalid field of submitted settings at once (PRODUCT.md §12 "Forms report every invalid
 * field at once"), in the order the form shows them. Pure: no bucket is contacted; the location's
 * fields are each checked on their own by the same parser that builds the location, with valid
 * stand-ins for the others, so a missing bucket and a malformed endpoint are both reported.
 */
public final class SettingsFieldCheck {

  /** A valid stand-in for the fields not under test. */
  private static final String BUCKET = "stand-in-bucket";

  private static final String REGION = "auto";
  private static final String ENDPOINT = "https://stand-in.example.com";

  private SettingsFieldCheck() {}

  /**
   * @param input the submitted settings (switched on)
   * @param accessKeyIdStored whether a stored access key ID is kept when the field is blank
   * @param secretStored whether a stored secret is kept when the field is blank
   * @return the invalid fields, empty when every field is valid
   */
  public static List<FieldError> collect(
      SettingsInput input, boolean accessKeyIdStored, boolean secretStored) {
    List<FieldError> errors = new ArrayList<>();
    if (input.cadence() != null) {
      try {
        Cadence.fromId(input.cadence());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("cadence", "cadence must be daily or weekly"));
      }
    }
    S3Provider provider = null;
    try {
      provider =
          S3Provider.valueOf(
              input.provider() == null ? "" : input.provider().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("provider", "provider must be AWS, GCP or CUSTOM"));
    }
    if (provider == S3Provider.AWS) {
      check(errors, () -> S3LocationParser.aws(input.bucketUrl()));
    } else if (provider == S3Provider.GCP) {
      check(errors, () -> S3LocationParser.gcp(input.bucket(), REGION, null));
      check(errors, () -> S3LocationParser.gcp(BUCKET, input.region(), null));
      check(errors, () -> S3LocationParser.gcp(BUCKET, REGION, input.key()));
    } else if (provider == S3Provider.CUSTOM) {
      check(errors, () -> S3LocationParser.custom(input.bucket(), REGION, null, ENDPOINT));
      check(errors, () -> S3LocationParser.custom(BUCKET, input.region(), null, ENDPOINT));
      check(errors, () -> S3LocationParser.custom(BUCKET, REGION, input.key(), ENDPOINT));
      check(errors, () -> S3LocationParser.custom(BUCKET, REGION, null, input.endpoint()));
    }
    try {
      OutputFormat.fromId(input.format());
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("format", e.getMessage()));
    }
    if (blank(input.accessKeyId()) && !accessKeyIdStored) {
      errors.add(new FieldError("accessKeyId", "Enter the access key ID"));
    }
    if (blank(input.secretAccessKey()) && !secretStored) {
      errors.add(new FieldError("secretAccessKey", "Enter the secret access key"));
    }
    return errors;
  }

  private static void check(List<FieldError> errors, Supplier<?> parse) {
    try {
      parse.get();
    } catch (InvalidS3SettingException e) {
      errors.add(new FieldError(e.field(), e.getMessage()));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
