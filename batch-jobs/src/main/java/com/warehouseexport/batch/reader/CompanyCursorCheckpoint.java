package com.warehouseexport.batch.reader;

import java.io.Serializable;

/**
 * The reader's checkpoint: the last company (in export order) whose rows were committed, and how
 * many companies that makes.
 */
public record CompanyCursorCheckpoint(String lastCompanyId, long companiesDone)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
