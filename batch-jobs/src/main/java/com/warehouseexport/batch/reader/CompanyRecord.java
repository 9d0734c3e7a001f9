package com.warehouseexport.batch.reader;

import com.warehouseexport.core.usage.FeatureActivity;
import com.warehouseexport.core.usage.SeenDay;
import java.util.List;
import java.util.Map;

/**
 * One company as the reader found it: current attributes (for name and segments) and its history up
 * to the export's last instant. The aggregator turns it into CSV rows.
 */
public record CompanyRecord(
    String companyId,
    Map<String, Object> attributes,
    List<SeenDay> seenDays,
    Map<String, FeatureActivity> activityByFeatureKey) {}
