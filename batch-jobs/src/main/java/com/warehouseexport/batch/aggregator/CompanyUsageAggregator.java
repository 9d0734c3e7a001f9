package com.warehouseexport.batch.aggregator;

import com.warehouseexport.batch.ExportParameters;
import com.warehouseexport.batch.reader.CompanyRecord;
import com.warehouseexport.catalog.CatalogService;
import com.warehouseexport.catalog.SegmentJson;
import com.warehouseexport.core.segment.SegmentDefinition;
import com.warehouseexport.core.usage.CodePointOrder;
import com.warehouseexport.core.usage.CompanyHistory;
import com.warehouseexport.core.usage.CompanyUsageCalculator;
import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.core.usage.DataPoint;
import com.warehouseexport.core.usage.FeatureDefinition;
import com.warehouseexport.core.usage.SegmentRef;
import com.warehouseexport.export.ExportJob;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Comparator;
import java.util.List;

/**
 * The aggregator: turns one company's history into its CSV rows for every feature and data point,
 * delegating all the math to {@link CompanyUsageCalculator}. Feature names, thresholds and segment
 * definitions are read once per execution (their values when the export runs, as §3 says).
 */
@Named
@Dependent
public class CompanyUsageAggregator implements ItemProcessor {

  @EJB private CatalogService catalog;

  /** The environment to export (job parameter {@code environmentId}, required). */
  @Inject
  @BatchProperty(name = ExportJob.ENVIRONMENT_ID)
  private String environmentId;

  /** The aggregation id, e.g. {@code 30-days-daily} (job parameter {@code aggregation}). */
  @Inject
  @BatchProperty(name = ExportJob.AGGREGATION)
  private String aggregation;

  /** The ISO-8601 instant the export is evaluated at (job parameter {@code asOf}). */
  @Inject
  @BatchProperty(name = ExportJob.AS_OF)
  private String asOf;

  /**
   * The ISO-8601 Date of an automatic export; empty for a manual one (job parameter {@code
   * period}).
   */
  @Inject
  @BatchProperty(name = ExportJob.PERIOD)
  private String period;

  private List<FeatureDefinition> features;
  private List<SegmentDefinition> segments;
  private List<DataPoint> points;

  @Override
  public Object processItem(Object item) {
    if (features == null) {
      load();
    }
    CompanyRecord company = (CompanyRecord) item;
    Object name = company.attributes().get("name");
    List<SegmentRef> memberships =
        segments.stream()
            .filter(s -> s.matches(company.attributes()))
            .map(s -> new SegmentRef(s.id(), s.name()))
            .toList();
    CompanyHistory history =
        new CompanyHistory(
            company.companyId(),
            name == null ? null : name.toString(),
            company.seenDays(),
            memberships,
            company.activityByFeatureKey());
    List<CompanyUsageRow> rows = CompanyUsageCalculator.rows(history, features, points);
    return new CompanyRows(company.companyId(), rows);
  }

  private void load() {
    ExportParameters params = ExportParameters.parse(environmentId, aggregation, asOf, period);
    points = params.dataPoints();
    features =
        catalog.features(params.environmentId()).stream()
            .map(
                f ->
                    new FeatureDefinition(
                        f.getKey(), f.getName(), f.getAdoptionDays(), f.getAdoptionWindowDays()))
            .sorted(Comparator.comparing(FeatureDefinition::key, CodePointOrder.COMPARATOR))
            .toList();
    segments =
        catalog.segments(params.environmentId()).stream()
            .map(s -> SegmentJson.definition(s.getKey(), s.getName(), s.getConditionsJson()))
            .toList();
  }
}
