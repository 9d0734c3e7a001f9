package com.warehouseexport.core.csv;

import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.core.usage.Frequency;
import com.warehouseexport.core.usage.Satisfaction;
import com.warehouseexport.core.usage.StarsState;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
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
 * Output depends only on the input, so identical rows give identical bytes. The caller supplies an
 * output stream (the bytes are UTF-8) or a writer; closing this writer closes it.
 *
 * <p>Every cell is encoded by commons-csv ({@link #FORMAT}) and then to UTF-8, but only once per
 * distinct value in a run of equal values: a company's rows repeat its id, name and segments, a
 * feature's rows repeat its name and key, and labels, codes and dates come from small sets (dates
 * and counts in small direct-mapped caches). The encoded cells are copied into a byte buffer, so a
 * row costs a few array copies instead of a quoting scan and a charset encoding per field. A cell
 * is always encoded whole and begins or ends next to a delimiter or a line break, so encoding it on
 * its own gives the bytes a UTF-8 {@code OutputStreamWriter} would give for the whole file.
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
  private static final int BUFFER_BYTES = 256 * 1024;

  /** Slots of the direct-mapped caches of encoded dates (by epoch day) and counts. */
  private static final int CACHE_SLOTS = 4096;

  private static final int CACHE_MASK = CACHE_SLOTS - 1;
  private static final byte[] NEWLINE = {'\n'};

  /** The value no cell was encoded for yet. */
  private static final Object UNSET = new Object();

  private final OutputStream out;

  /** Set when the caller supplied a writer: the buffer's bytes are decoded into it. */
  private final Writer writer;

  private final boolean spreadsheetSafe;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int used;

  /** Per column: the last raw value and its encoded cell (with the leading delimiter). */
  private final Object[] lastValue = new Object[COLUMNS];

  private final byte[][] lastCell = new byte[COLUMNS][];

  private final long[] dateKeys = new long[CACHE_SLOTS];
  private final byte[][] dateCells = new byte[CACHE_SLOTS][];
  private final int[] countKeys = new int[CACHE_SLOTS];
  private final byte[][] countCells = new byte[CACHE_SLOTS][];
  private final byte[][][] starsCells = new byte[StarsState.values().length][][];
  private final byte[][][] frequencyCells = new byte[Frequency.values().length][][];
  private final byte[][][] satisfactionCells = new byte[Satisfaction.values().length][][];
  private final byte[][] noSatisfaction;

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
    this(null, Objects.requireNonNull(out, "out"), spreadsheetSafe);
  }

  /**
   * Writes UTF-8 bytes to a stream (buffered here: the stream need not be).
   *
   * @param spreadsheetSafe prefix cells a spreadsheet would interpret with {@code '}
   * @throws IOException if the stream cannot be used
   */
  public CompanyUsageCsvWriter(OutputStream out, boolean spreadsheetSafe) throws IOException {
    this(Objects.requireNonNull(out, "out"), null, spreadsheetSafe);
  }

  private CompanyUsageCsvWriter(OutputStream out, Writer writer, boolean spreadsheetSafe) {
    this.out = out;
    this.writer = writer;
    this.spreadsheetSafe = spreadsheetSafe;
    Arrays.fill(lastValue, UNSET);
    for (StarsState s : StarsState.values()) {
      starsCells[s.ordinal()] =
          new byte[][] {cell(s.label(), false), cell(Integer.toString(s.code()), false)};
    }
    for (Frequency f : Frequency.values()) {
      frequencyCells[f.ordinal()] =
          new byte[][] {cell(f.label(), false), cell(Integer.toString(f.code()), false)};
    }
    for (Satisfaction s : Satisfaction.values()) {
      satisfactionCells[s.ordinal()] =
          new byte[][] {cell(s.label(), false), cell(Integer.toString(s.code()), false)};
    }
    noSatisfaction = new byte[][] {cell(null, false), cell(null, false)};
  }

  /** Writes the header row. */
  public void writeHeader() throws IOException {
    List<String> header = CompanyUsageCsv.HEADER;
    for (int i = 0; i < header.size(); i++) {
      append(rawCell(header.get(i), i == 0));
    }
    append(NEWLINE);
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
    byte[][] stars = starsCells[row.stars().ordinal()];
    append(stars[0]);
    append(stars[1]);
    byte[][] frequency = frequencyCells[row.frequency().ordinal()];
    append(frequency[0]);
    append(frequency[1]);
    Satisfaction satisfaction = row.satisfaction();
    byte[][] satisfactionCell =
        satisfaction == null ? noSatisfaction : satisfactionCells[satisfaction.ordinal()];
    append(satisfactionCell[0]);
    append(satisfactionCell[1]);
    append(count(row.feedbackCount()));
    append(text(16, row.segmentNames()));
    append(text(17, row.segmentIds()));
    append(NEWLINE);
  }

  /** A text cell, re-encoded only when it differs from the same column's previous value. */
  private byte[] text(int column, String value) {
    Object last = lastValue[column];
    if (last == value || (value != null && value.equals(last))) {
      return lastCell[column];
    }
    byte[] encoded = cell(value, column == 0);
    lastValue[column] = value;
    lastCell[column] = encoded;
    return encoded;
  }

  /** A date cell ({@link LocalDate#toString()} is ISO {@code yyyy-MM-dd} for 0000..9999). */
  private byte[] date(int column, LocalDate value) {
    if (value == null) {
      return text(column, null);
    }
    Object last = lastValue[column];
    if (value.equals(last)) {
      return lastCell[column];
    }
    long day = value.toEpochDay();
    int slot = (int) day & CACHE_MASK;
    byte[] encoded = dateCells[slot];
    if (encoded == null || dateKeys[slot] != day) {
      encoded = cell(value.toString(), false);
      dateKeys[slot] = day;
      dateCells[slot] = encoded;
    }
    lastValue[column] = value;
    lastCell[column] = encoded;
    return encoded;
  }

  private byte[] count(int value) {
    int slot = value & CACHE_MASK;
    byte[] encoded = countCells[slot];
    if (encoded == null || countKeys[slot] != value) {
      encoded = cell(Integer.toString(value), false);
      countKeys[slot] = value;
      countCells[slot] = encoded;
    }
    return encoded;
  }

  /** The cell as written after the previous one: delimiter (unless first), then the value. */
  private byte[] cell(String value, boolean first) {
    return rawCell(spreadsheetSafe ? SpreadsheetSafe.cell(value) : value, first);
  }

  private static byte[] rawCell(String value, boolean first) {
    StringBuilder cell = new StringBuilder();
    try {
      FORMAT.print(value, cell, first);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    return cell.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void append(byte[] cell) throws IOException {
    int length = cell.length;
    if (used + length > buffer.length) {
      drain();
      if (length > buffer.length) {
        emit(cell, length);
        return;
      }
    }
    System.arraycopy(cell, 0, buffer, used, length);
    used += length;
  }

  /** Hands whole cells on: the bytes never end inside a character. */
  private void emit(byte[] bytes, int length) throws IOException {
    if (out != null) {
      out.write(bytes, 0, length);
    } else {
      writer.write(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }
  }

  private void drain() throws IOException {
    if (used > 0) {
      emit(buffer, used);
      used = 0;
    }
  }

  @Override
  public void flush() throws IOException {
    drain();
    if (out != null) {
      out.flush();
    } else {
      writer.flush();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      drain();
    } finally {
      if (out != null) {
        out.close();
      } else {
        writer.close();
      }
    }
  }
}
