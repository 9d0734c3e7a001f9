package com.warehouseexport.core.usage;

import java.util.Objects;

/**
 * A feature of an environment.
 *
 * @param key the feature key (= tracked event name); the CSV's Feature ID
 * @param name the display name; the CSV's Feature Name
 * @param adoptionDays usage days needed within the window to count as adopted (default 5)
 * @param adoptionWindowDays the window length in days, ending on the evaluated day (default 28)
 */
public record FeatureDefinition(String key, String name, int adoptionDays, int adoptionWindowDays) {

  /** The default adoption threshold: 5 usage days ... */
  public static final int DEFAULT_ADOPTION_DAYS = 5;

  /** ... within 28 days. */
  public static final int DEFAULT_ADOPTION_WINDOW_DAYS = 28;

  /** Validates: key and name non-null, {@code 1 <= adoptionDays <= adoptionWindowDays}. */
  public FeatureDefinition {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    if (adoptionDays < 1 || adoptionWindowDays < adoptionDays) {
      throw new IllegalArgumentException(
          "need 1 <= adoptionDays <= adoptionWindowDays, got "
              + adoptionDays
              + " and "
              + adoptionWindowDays);
    }
  }

  /** A feature with the default adoption thresholds (5 usage days in 28 days). */
  public static FeatureDefinition withDefaults(String key, String name) {
    return new FeatureDefinition(key, name, DEFAULT_ADOPTION_DAYS, DEFAULT_ADOPTION_WINDOW_DAYS);
  }
}
