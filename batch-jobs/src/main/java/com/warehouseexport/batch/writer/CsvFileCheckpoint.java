package com.warehouseexport.batch.writer;

import java.io.Serializable;

/**
 * The writer's checkpoint: the committed length of the CSV file and the data rows in it. A restart
 * truncates the file to {@code bytes} (dropping whatever a crashed chunk left behind) and appends.
 */
public record CsvFileCheckpoint(long bytes, long rows, long companies) implements Serializable {
  private static final long serialVersionUID = 1L;
}
