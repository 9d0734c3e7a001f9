package com.warehouseexport.core.csv;

import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.core.usage.Frequency;
import com.warehouseexport.core.usage.Satisfaction;
import com.warehouseexport.core.usage.StarsState;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
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
 *
 * <p>Every cell is encoded by commons-csv ({@link #FORMAT}), but only once per distinct value in a
 * run of equal values: a company's rows repeat its id, name and segments, a feature's rows repeat
 * its name and key, and labels, codes and dates come from small sets. The encoded cells are copied
 * into a char buffer, so a row costs a few array copies instead of a quoting scan per field.
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

  private static final int COLUMNS = CompanyUsageCsv.HEADER.size();
  private static final int BUFFER_CHARS = 64 * 1024;

  /** Distinct dates (and feedback counts) kept encoded before the cache starts over. */
  private static final int CACHE_LIMIT = 4096;

  /** The value no cell was encoded for yet. */
  private static final Object UNSET = new Object();

  private final Writer out;
  private final boolean spreadsheetSafe;
  private final char[] buffer = new char[BUFFER_CHARS];
  private int used;

  /** Per column: the last raw value and its encoded cell (with the leading delimiter). */
  private final Object[] lastValue = new Object[COLUMNS];

  private final String[] lastCell = new String[COLUMNS];

  private final Map<LocalDate, String> dateCells = new HashMap<>();
  private final Map<Integer, String> countCells = new HashMap<>();
  private final String[][] starsCells = new String[StarsState.values().length][];
  private final String[][] frequencyCells = new String[Frequency.values().length][];
  private final String[][] satisfactionCells = new String[Satisfaction.values().length][];
  private final String[] noSatisfaction;

  /**
   * Wraps a writer; values are written raw.
   *
   * @throws IOException if the writer cannot be used
   */
  public CompanyUsageCsvWriter(Writer out) throws IOException {
    this(out, false);
  }

  /**
   * Wraps a writer.
   *
   * @param spreadsheetSafe prefix cells a spreadsheet would interpret with {@code '}
   * @throws IOException if the writer cannot be used
   */
  public CompanyUsageCsvWriter(Writer out, boolean spreadsheetSafe) throws IOException {
    this.out = Objects.requireNonNull(out, "out");
    this.spreadsheetSafe = spreadsheetSafe;
    Arrays.fill(lastValue, UNSET);
    for (StarsState s : StarsState.values()) {
      starsCells[s.ordinal()] =
          new String[] {cell(s.label(), false), cell(Integer.toString(s.code()), false)};
    }
    for (Frequency f : Frequency.values()) {
      frequencyCells[f.ordinal()] =
          new String[] {cell(f.label(), false), cell(Integer.toString(f.code()), false)};
    }
    for (Satisfaction s : Satisfaction.values()) {
      satisfactionCells[s.ordinal()] =
          new String[] {cell(s.label(), false), cell(Integer.toString(s.code()), false)};
    }
    noSatisfaction = new String[] {cell(null, false), cell(null, false)};
  }

  /** Writes the header row. */
  public void writeHeader() throws IOException {
    List<String> header = CompanyUsageCsv.HEADER;
    for (int i = 0; i < header.size(); i++) {
      append(rawCell(header.get(i), i == 0));
    }
    append("\n");
  }

  /** Writes one row. */
  public void write(CompanyUsageRow row) throws IOException {
    append(text(0, row.companyId()));
    append(text(1, row.companyName()));
    append(text(2, row.featureName()));
    append(text(3, row.featureId()));
    append(date(4, row.date()));
    append(date(5, row.firstSeen()));
    append(date(6, row.lastSeen()));
    append(date(7, row.firstUsed()));
    append(date(8, row.lastUsed()));
    String[] stars = starsCells[row.stars().ordinal()];
    append(stars[0]);
    append(stars[1]);
    String[] frequency = frequencyCells[row.frequency().ordinal()];
    append(frequency[0]);
    append(frequency[1]);
    Satisfaction satisfaction = row.satisfaction();
    String[] satisfactionCell =
        satisfaction == null ? noSatisfaction : satisfactionCells[satisfaction.ordinal()];
    append(satisfactionCell[0]);
    append(satisfactionCell[1]);
    append(count(row.feedbackCount()));
    append(text(16, row.segmentNames()));
    append(text(17, row.segmentIds()));
    append("\n");
  }

  /** A text cell, re-encoded only when it differs from the same column's previous value. */
  private String text(int column, String value) {
    Object last = lastValue[column];
    if (last == value || (value != null && value.equals(last))) {
      return lastCell[column];
    }
    String encoded = cell(value, column == 0);
    lastValue[column] = value;
    lastCell[column] = encoded;
    return encoded;
  }

  /** A date cell ({@link LocalDate#toString()} is ISO {@code yyyy-MM-dd} for 0000..9999). */
  private String date(int column, LocalDate value) {
    if (value == null) {
      return text(column, null);
    }
    Object last = lastValue[column];
    if (value.equals(last)) {
      return lastCell[column];
    }
    String encoded = dateCells.get(value);
    if (encoded == null) {
      if (dateCells.size() >= CACHE_LIMIT) {
        dateCells.clear();
      }
      encoded = cell(value.toString(), false);
      dateCells.put(value, encoded);
    }
    lastValue[column] = value;
    lastCell[column] = encoded;
    return encoded;
  }

  private String count(int value) {
    String encoded = countCells.get(value);
    if (encoded == null) {
      if (countCells.size() >= CACHE_LIMIT) {
        countCells.clear();
      }
      encoded = cell(Integer.toString(value), false);
      countCells.put(value, encoded);
    }
    return encoded;
  }

  /** The cell as written after the previous one: delimiter (unless first), then the value. */
  private String cell(String value, boolean first) {
    return rawCell(spreadsheetSafe ? SpreadsheetSafe.cell(value) : value, first);
  }

  private static String rawCell(String value, boolean first) {
    StringBuilder cell = new StringBuilder();
    try {
      FORMAT.print(value, cell, first);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    return cell.toString();
  }

  private void append(String s) throws IOException {
    int length = s.length();
    if (used + length > buffer.length) {
      drain();
      if (length > buffer.length) {
        out.write(s);
        return;
      }
    }
    s.getChars(0, length, buffer, used);
    used += length;
  }

  private void drain() throws IOException {
    if (used > 0) {
      out.write(buffer, 0, used);
      used = 0;
    }
  }

  @Override
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      drain();
    } finally {
      out.close();
    }
  }
}
