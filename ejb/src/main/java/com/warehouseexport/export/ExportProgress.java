package com.warehouseexport.export;

import java.io.Serializable;

/**
 * Progress of the export step, saved by the writer as the step's persistent user data at every
 * checkpoint, so it lives in the job repository with the execution it describes.
 *
 * @param rowsWritten CSV data rows written and committed
 * @param bytesWritten bytes of the CSV file committed (header included)
 * @param companiesDone companies exported
 * @param companiesTotal companies in the environment when the step started
 */
public record ExportProgress(
    long rowsWritten, long bytesWritten, long companiesDone, long companiesTotal)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Percentage of companies done, 0–100. */
  public int percent() {
    if (companiesTotal <= 0) {
      return 0;
    }
    return (int) Math.min(100, companiesDone * 100 / companiesTotal);
  }
}
