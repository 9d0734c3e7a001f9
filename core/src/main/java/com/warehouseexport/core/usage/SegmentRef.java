package com.warehouseexport.core.usage;

import java.util.Objects;

/**
 * A segment a company belongs to, as shown in the CSV.
 *
 * @param id the segment id
 * @param name the segment name (never contains a comma)
 */
public record SegmentRef(String id, String name) {

  /** Validates non-null values. */
  public SegmentRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
