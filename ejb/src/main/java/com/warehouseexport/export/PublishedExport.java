package com.warehouseexport.export;

import java.io.Serializable;

/**
 * What the publish step did, saved as its persistent user data: the final file's size and digest
 * and, for bucket exports, the object keys.
 */
public record PublishedExport(
    long rows, long bytes, String sha256, String objectKey, String manifestKey)
    implements Serializable {

  private static final long serialVersionUID = 1L;
}
