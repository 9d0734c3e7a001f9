package com.warehouseexport.export.destination;

import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.PublishedExport;
import java.io.IOException;

/**
 * Where a finished period of an automatic export goes (a kind of destination: a bucket today). An
 * implementation is a CDI bean; {@link PeriodDestinations} finds it by {@link #kind()}. The
 * scheduler, claims, retries, status and history only carry the kind (job parameter {@code
 * destination}); everything about the place itself stays behind this interface.
 */
public interface PeriodDestination {

  /** The kind, as job parameter {@code destination} and the history carry it (e.g. {@code s3}). */
  String kind();

  /**
   * Tries settings before they are saved (a bucket: lists it with the credentials); throws {@link
   * com.warehouseexport.export.settings.SettingsRejectedException} naming the cause and the field.
   */
  void validate(DestinationSettings settings);

  /**
   * Tries settings before they are saved and says what it proved (a bucket: lists it, writes a test
   * file and deletes it); throws {@link
   * com.warehouseexport.export.settings.SettingsRejectedException} when nothing would land. By
   * default {@link #validate}, then ok.
   */
  default DestinationCheck check(DestinationSettings settings) {
    validate(settings);
    return new DestinationCheck(DestinationCheck.OK, null, null, "The destination was checked.");
  }

  /**
   * "Send a test file": proves delivery with the environment's saved settings; a failure is
   * answered (outcome {@code failed}), not thrown. By default: not offered by this kind.
   */
  default DestinationCheck sendTestFile(long environmentId) {
    throw new com.warehouseexport.export.ExportStateException(
        "This destination does not offer a test file.");
  }

  /**
   * Delivers the finished file of a period so that it becomes visible complete or not at all, and
   * replaces what an earlier run of the same period delivered.
   *
   * @return what was delivered (rows, bytes, digest, where)
   * @throws DeliveryFailedException with a message for the environment's admin
   */
  PublishedExport deliver(FinishedPeriod period) throws DeliveryFailedException, IOException;

  /**
   * Where the period goes (or went), for status, history, logs and the manifest, e.g. {@code
   * s3://bucket/prefix/company-usage/daily/date=2026-12-01/…csv}; never with credentials.
   */
  String describe(PeriodId period);
}
