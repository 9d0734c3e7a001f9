package com.warehouseexport.batch.aggregator;

import com.warehouseexport.core.usage.CompanyUsageRow;
import java.util.List;

/** The aggregator's output for one company: its rows in export order (possibly none). */
public record CompanyRows(String companyId, List<CompanyUsageRow> rows) {}
