package com.warehouseexport.core.parquet;

import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.core.usage.Satisfaction;
import java.time.LocalDate;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Maps a {@link CompanyUsageRow} onto {@link CompanyUsageParquet#SCHEMA}. Repeated strings (a
 * company's id, name and segments on every row, a feature's name and key, the labels) are encoded
 * to UTF-8 once per run of equal values.
 */
final class CompanyUsageWriteSupport extends WriteSupport<CompanyUsageRow> {

  private static final int COLUMNS = CompanyUsageParquet.COLUMNS.size();

  private final Map<String, String> metadata;
  private RecordConsumer out;
  private final String[] lastText = new String[COLUMNS];
  private final Binary[] lastBinary = new Binary[COLUMNS];

  CompanyUsageWriteSupport(Map<String, String> metadata) {
    this.metadata = Map.copyOf(metadata);
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(CompanyUsageParquet.SCHEMA, metadata);
  }

  /** Required by the Hadoop-typed base class; never called (the builder passes no Hadoop conf). */
  @Override
  public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
    return new WriteContext(CompanyUsageParquet.SCHEMA, metadata);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(CompanyUsageRow row) {
    out.startMessage();
    text(0, row.companyId());
    text(1, row.companyName());
    text(2, row.featureName());
    text(3, row.featureId());
    date(4, row.date());
    date(5, row.firstSeen());
    date(6, row.lastSeen());
    date(7, row.firstUsed());
    date(8, row.lastUsed());
    text(9, row.stars().label());
    integer(10, row.stars().code());
    text(11, row.frequency().label());
    integer(12, row.frequency().code());
    Satisfaction satisfaction = row.satisfaction();
    text(13, satisfaction == null ? null : satisfaction.label());
    if (satisfaction != null) {
      integer(14, satisfaction.code());
    }
    integer(15, row.feedbackCount());
    text(16, row.segmentNames());
    text(17, row.segmentIds());
    out.endMessage();
  }

  /** A string column; null and the empty string leave the (optional) field out. */
  private void text(int index, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    Binary binary;
    if (value.equals(lastText[index])) {
      binary = lastBinary[index];
    } else {
      binary = Binary.fromString(value);
      lastText[index] = value;
      lastBinary[index] = binary;
    }
    String name = CompanyUsageParquet.COLUMNS.get(index);
    out.startField(name, index);
    out.addBinary(binary);
    out.endField(name, index);
  }

  private void date(int index, LocalDate value) {
    if (value != null) {
      integer(index, Math.toIntExact(value.toEpochDay()));
    }
  }

  private void integer(int index, int value) {
    String name = CompanyUsageParquet.COLUMNS.get(index);
    out.startField(name, index);
    out.addInteger(value);
    out.endField(name, index);
  }
}
