package com.warehouseexport.core.postgres;

import com.warehouseexport.core.csv.CompanyUsageCsvReader;
import com.warehouseexport.core.usage.CompanyUsageRow;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Turns the finished export CSV into the rows of {@code COPY … FROM STDIN (FORMAT text)} for {@link
 * CompanyUsageTable}: tab-separated, {@code \N} for NULL, backslash, tab, CR and LF escaped; an
 * empty cell (or empty string) is NULL, as every CSV load reads it; then the period and the
 * delivery's instant. One row per CSV record, in the CSV's order.
 */
public final class CopyRows {

  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

  private final String tail;

  /**
   * @param period the delivered period (column {@code export_period})
   * @param exportedAt the delivery's instant (column {@code exported_at}), written in UTC
   */
  public CopyRows(LocalDate period, OffsetDateTime exportedAt) {
    this.tail =
        "\t" + period + "\t" + INSTANT.format(exportedAt.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** Writes every record of {@code csv} as a COPY row; returns how many. */
  public long write(Reader csv, Writer out) throws IOException {
    long rows = 0;
    try (CompanyUsageCsvReader reader = new CompanyUsageCsvReader(csv)) {
      StringBuilder line = new StringBuilder(256);
      while (reader.hasNext()) {
        line.setLength(0);
        row(reader.next(), line);
        out.write(line.toString());
        rows++;
      }
    }
    return rows;
  }

  /** One row, with its line end. */
  void row(CompanyUsageRow r, StringBuilder b) {
    text(b, r.companyId()).append('\t');
    text(b, r.companyName()).append('\t');
    text(b, r.featureName()).append('\t');
    text(b, r.featureId()).append('\t');
    date(b, r.date()).append('\t');
    date(b, r.firstSeen()).append('\t');
    date(b, r.lastSeen()).append('\t');
    date(b, r.firstUsed()).append('\t');
    date(b, r.lastUsed()).append('\t');
    text(b, r.stars().label()).append('\t').append(r.stars().code()).append('\t');
    text(b, r.frequency().label()).append('\t').append(r.frequency().code()).append('\t');
    if (r.satisfaction() == null) {
      b.append("\\N\t\\N\t");
    } else {
      text(b, r.satisfaction().label()).append('\t').append(r.satisfaction().code()).append('\t');
    }
    b.append(r.feedbackCount()).append('\t');
    text(b, r.segmentNames()).append('\t');
    text(b, r.segmentIds());
    b.append(tail).append('\n');
  }

  private static StringBuilder date(StringBuilder b, LocalDate d) {
    return d == null ? b.append("\\N") : b.append(d);
  }

  /** A text value escaped for COPY's text format; null or empty is {@code \N}. */
  static StringBuilder text(StringBuilder b, String s) {
    if (s == null || s.isEmpty()) {
      return b.append("\\N");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b;
  }
}
