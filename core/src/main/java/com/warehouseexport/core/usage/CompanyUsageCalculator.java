package com.warehouseexport.core.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes the CSV rows of one company (PRODUCT.md §3).
 *
 * <p>All columns except Company Name, Feature Name and the segment columns are evaluated as of each
 * data point's end: a usage, seen day or feedback counts only if it happened at or before that
 * instant. The company's history is pre-processed once per call into sorted arrays, so each company
 * × feature × data point costs O(log n).
 */
public final class CompanyUsageCalculator {

  private static final Comparator<DataPoint> BY_DATE =
      Comparator.comparing(DataPoint::date).thenComparing(DataPoint::end);
  private static final Comparator<FeatureDefinition> BY_KEY =
      Comparator.comparing(FeatureDefinition::key, CodePointOrder.COMPARATOR);
  private static final Comparator<SegmentRef> BY_NAME =
      Comparator.comparing(SegmentRef::name, CodePointOrder.COMPARATOR)
          .thenComparing(SegmentRef::id, CodePointOrder.COMPARATOR);

  private CompanyUsageCalculator() {}

  /**
   * The rows of one company: one per feature (used or not) and data point at whose end the company
   * had been seen, ordered by Feature ID (code-point order), then Date.
   *
   * @param company the company's history
   * @param features the environment's features, any order
   * @param points the data points, any order
   * @return the rows, in CSV order (within this company)
   */
  public static List<CompanyUsageRow> rows(
      CompanyHistory company, List<FeatureDefinition> features, List<DataPoint> points) {
    List<SeenState> seen = seenStates(company, points);
    if (seen.isEmpty()) {
      return List.of();
    }
    List<SegmentRef> segments = company.segments().stream().sorted(BY_NAME).toList();
    String segmentNames = joined(segments, SegmentRef::name);
    String segmentIds = joined(segments, SegmentRef::id);

    List<CompanyUsageRow> rows = new ArrayList<>(seen.size() * features.size());
    for (FeatureDefinition feature : features.stream().sorted(BY_KEY).toList()) {
      FeatureTimeline timeline = new FeatureTimeline(company.activity(feature.key()), feature);
      for (SeenState state : seen) {
        DataPoint point = state.point();
        FeatureTimeline.Snapshot usage = timeline.at(point);
        rows.add(
            new CompanyUsageRow(
                company.companyId(),
                company.companyName(),
                feature.name(),
                feature.key(),
                point.date(),
                state.firstSeen(),
                state.lastSeen(),
                usage.firstUsed(),
                usage.lastUsed(),
                usage.stars(),
                usage.frequency(),
                timeline.satisfaction(point),
                timeline.feedbackCount(point),
                segmentNames,
                segmentIds));
      }
    }
    return rows;
  }

  /** First/last seen per data point, for the points at whose end the company had been seen. */
  private static List<SeenState> seenStates(CompanyHistory company, List<DataPoint> points) {
    List<SeenDay> seenDays = company.seenDays();
    Instant[] firstAt = seenDays.stream().map(SeenDay::firstAt).toArray(Instant[]::new);
    List<SeenState> states = new ArrayList<>(points.size());
    for (DataPoint point : points.stream().sorted(BY_DATE).toList()) {
      int counted = SortedSearch.countAtOrBefore(firstAt, point.end());
      if (counted > 0) {
        states.add(new SeenState(point, seenDays.get(0).day(), seenDays.get(counted - 1).day()));
      }
    }
    return states;
  }

  private static String joined(List<SegmentRef> segments, Function<SegmentRef, String> field) {
    return segments.stream().map(field).collect(Collectors.joining(","));
  }

  private record SeenState(DataPoint point, LocalDate firstSeen, LocalDate lastSeen) {}
}
