package com.warehouseexport.core.usage;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One CSV row: a company × feature × data point (PRODUCT.md §3). The enum fields carry both the
 * label and the number columns, so the 15 fields here make up the 18 CSV columns.
 *
 * @param companyId Company ID
 * @param companyName Company Name, nullable
 * @param featureName Feature Name
 * @param featureId Feature ID (the feature key)
 * @param date Date (the data point)
 * @param firstSeen First Seen
 * @param lastSeen Last Seen, up to Date
 * @param firstUsed First Used, nullable
 * @param lastUsed Last Used up to Date, nullable
 * @param stars STARS State Label and STARS State
 * @param frequency Frequency Label and Frequency
 * @param satisfaction Satisfaction Label and Satisfaction, nullable
 * @param feedbackCount Feedback Count up to Date
 * @param segmentNames Segment Names, comma-separated (empty string when none)
 * @param segmentIds Segment IDs, comma-separated, same order (empty string when none)
 */
public record CompanyUsageRow(
    String companyId,
    String companyName,
    String featureName,
    String featureId,
    LocalDate date,
    LocalDate firstSeen,
    LocalDate lastSeen,
    LocalDate firstUsed,
    LocalDate lastUsed,
    StarsState stars,
    Frequency frequency,
    Satisfaction satisfaction,
    int feedbackCount,
    String segmentNames,
    String segmentIds) {

  /** Validates that every non-nullable field is set. */
  public CompanyUsageRow {
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(featureName, "featureName");
    Objects.requireNonNull(featureId, "featureId");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(stars, "stars");
    Objects.requireNonNull(frequency, "frequency");
    Objects.requireNonNull(segmentNames, "segmentNames");
    Objects.requireNonNull(segmentIds, "segmentIds");
  }
}
