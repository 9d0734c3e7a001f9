package com.warehouseexport.core.segment;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named company-attribute filter: a company is a member when all conditions hold (AND). A segment
 * without conditions matches every company. Names may not contain commas, because the CSV joins
 * segment names with commas.
 *
 * @param id the segment id
 * @param name the display name (no commas, not blank)
 * @param conditions the conditions, ANDed
 */
public record SegmentDefinition(String id, String name, List<SegmentCondition> conditions) {

  /** Validates id, name and conditions. */
  public SegmentDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (id.isBlank()) {
      throw new IllegalArgumentException("segment id must not be blank");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("segment name must not be blank");
    }
    if (name.indexOf(',') >= 0) {
      throw new IllegalArgumentException("segment name must not contain a comma: " + name);
    }
    conditions = List.copyOf(conditions);
  }

  /**
   * Whether a company with these current attributes is a member.
   *
   * @param attributes attribute values by name; a missing key and a null value are equivalent
   */
  public boolean matches(Map<String, Object> attributes) {
    for (SegmentCondition condition : conditions) {
      if (!condition.test(attributes.get(condition.attribute()))) {
        return false;
      }
    }
    return true;
  }
}
