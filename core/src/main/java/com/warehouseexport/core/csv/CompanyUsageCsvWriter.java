package com.warehouseexport.core.csv;

import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.core.usage.Satisfaction;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes company-usage rows as RFC 4180 CSV: {@code \n} record separator, fields quoted only when
 * needed (comma, quote, CR or LF inside; an empty first field), quotes doubled, null written as an
 * empty field, dates as {@code yyyy-MM-dd}, numbers plain.
 *
 * <p>By default values are written raw: formula-like text such as {@code =SUM(A1)} is <em>not</em>
 * escaped, because the file is meant for data warehouses. The spreadsheet-safe variant (a download
 * a person opens in a spreadsheet) prefixes such cells with {@code '} ({@link SpreadsheetSafe}).
 * Output depends only on the input, so identical rows give identical bytes. The caller supplies a
 * UTF-8 writer; closing this writer closes it.
 */
public final class CompanyUsageCsvWriter implements Flushable, Closeable {

  /** The CSV dialect of the export. */
  static final CSVFormat FORMAT =
      CSVFormat.DEFAULT
          .builder()
          .setRecordSeparator("\n")
          .setQuoteMode(QuoteMode.MINIMAL)
          .setNullString(null)
          .setTrim(false)
          .setIgnoreSurroundingSpaces(false)
          .get();

  private final CSVPrinter printer;
  private final Object[] fields = new Object[CompanyUsageCsv.HEADER.size()];
  private final boolean spreadsheetSafe;

  /**
   * Wraps a writer; values are written raw.
   *
   * @throws IOException if the printer cannot be created
   */
  public CompanyUsageCsvWriter(Writer out) throws IOException {
    this(out, false);
  }

  /**
   * Wraps a writer.
   *
   * @param spreadsheetSafe prefix cells a spreadsheet would interpret with {@code '}
   * @throws IOException if the printer cannot be created
   */
  public CompanyUsageCsvWriter(Writer out, boolean spreadsheetSafe) throws IOException {
    this.printer = new CSVPrinter(out, FORMAT);
    this.spreadsheetSafe = spreadsheetSafe;
  }

  /** Writes the header row. */
  public void writeHeader() throws IOException {
    printer.printRecord(CompanyUsageCsv.HEADER);
  }

  /** Writes one row. */
  public void write(CompanyUsageRow row) throws IOException {
    Satisfaction satisfaction = row.satisfaction();
    fields[0] = row.companyId();
    fields[1] = row.companyName();
    fields[2] = row.featureName();
    fields[3] = row.featureId();
    fields[4] = date(row.date());
    fields[5] = date(row.firstSeen());
    fields[6] = date(row.lastSeen());
    fields[7] = date(row.firstUsed());
    fields[8] = date(row.lastUsed());
    fields[9] = row.stars().label();
    fields[10] = Integer.toString(row.stars().code());
    fields[11] = row.frequency().label();
    fields[12] = Integer.toString(row.frequency().code());
    fields[13] = satisfaction == null ? null : satisfaction.label();
    fields[14] = satisfaction == null ? null : Integer.toString(satisfaction.code());
    fields[15] = Integer.toString(row.feedbackCount());
    fields[16] = row.segmentNames();
    fields[17] = row.segmentIds();
    if (spreadsheetSafe) {
      for (int i = 0; i < fields.length; i++) {
        if (fields[i] instanceof String value) {
          fields[i] = SpreadsheetSafe.cell(value);
        }
      }
    }
    printer.printRecord(fields);
    Arrays.fill(fields, null);
  }

  /** {@link LocalDate#toString()} is ISO {@code yyyy-MM-dd} for years 0000..9999. */
  private static String date(LocalDate date) {
    return date == null ? null : date.toString();
  }

  @Override
  public void flush() throws IOException {
    printer.flush();
  }

  @Override
  public void close() throws IOException {
    printer.close();
  }
}
