package com.warehouseexport.core.csv;

import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.core.usage.Frequency;
import com.warehouseexport.core.usage.Satisfaction;
import com.warehouseexport.core.usage.StarsState;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an export CSV written by {@link CompanyUsageCsvWriter} (raw, not spreadsheet-safe) back
 * into {@link CompanyUsageRow}s, one record at a time: the header must be exactly {@link
 * CompanyUsageCsv#HEADER}; an empty cell is read as null where the column is nullable and as the
 * empty string for the segment columns. Used to turn a finished (checkpointed) CSV part file into
 * another format without running the export again.
 */
public final class CompanyUsageCsvReader implements Iterator<CompanyUsageRow>, Closeable {

  private static final Map<String, StarsState> STARS = new HashMap<>();
  private static final Map<String, Frequency> FREQUENCIES = new HashMap<>();
  private static final Map<String, Satisfaction> SATISFACTIONS = new HashMap<>();

  static {
    for (StarsState s : StarsState.values()) {
      STARS.put(s.label(), s);
    }
    for (Frequency f : Frequency.values()) {
      FREQUENCIES.put(f.label(), f);
    }
    for (Satisfaction s : Satisfaction.values()) {
      SATISFACTIONS.put(s.label(), s);
    }
  }

  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final Map<String, LocalDate> dates = new HashMap<>();

  /**
   * Opens the CSV and checks its header.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if the header is not the export's
   */
  public CompanyUsageCsvReader(Reader in) throws IOException {
    parser = CSVParser.parse(in, CompanyUsageCsvWriter.FORMAT);
    records = parser.iterator();
    if (!records.hasNext() || !records.next().toList().equals(CompanyUsageCsv.HEADER)) {
      parser.close();
      throw new IllegalArgumentException("not a company-usage export: wrong header");
    }
  }

  @Override
  public boolean hasNext() {
    return records.hasNext();
  }

  @Override
  public CompanyUsageRow next() {
    if (!records.hasNext()) {
      throw new NoSuchElementException();
    }
    CSVRecord r = records.next();
    if (r.size() != CompanyUsageCsv.HEADER.size()) {
      throw new IllegalArgumentException(
          "record " + r.getRecordNumber() + " has " + r.size() + " fields, not 18");
    }
    String satisfaction = r.get(13);
    StarsState stars = lookup(STARS, r.get(9), r);
    Frequency frequency = lookup(FREQUENCIES, r.get(11), r);
    Satisfaction score = satisfaction.isEmpty() ? null : lookup(SATISFACTIONS, satisfaction, r);
    if (!r.get(10).equals(Integer.toString(stars.code()))
        || !r.get(12).equals(Integer.toString(frequency.code()))
        || !r.get(14).equals(score == null ? "" : Integer.toString(score.code()))) {
      throw new IllegalArgumentException(
          "record " + r.getRecordNumber() + ": a code does not match its label");
    }
    return new CompanyUsageRow(
        r.get(0),
        nullIfEmpty(r.get(1)),
        r.get(2),
        r.get(3),
        date(r.get(4)),
        date(r.get(5)),
        date(r.get(6)),
        date(r.get(7)),
        date(r.get(8)),
        stars,
        frequency,
        score,
        Integer.parseInt(r.get(15)),
        r.get(16),
        r.get(17));
  }

  private LocalDate date(String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    LocalDate date = dates.get(cell);
    if (date == null) {
      if (dates.size() > 4096) {
        dates.clear();
      }
      date = LocalDate.parse(cell);
      dates.put(cell, date);
    }
    return date;
  }

  private static <T> T lookup(Map<String, T> values, String label, CSVRecord r) {
    T value = values.get(label);
    if (value == null) {
      throw new IllegalArgumentException(
          "record " + r.getRecordNumber() + ": unknown label '" + label + "'");
    }
    return value;
  }

  private static String nullIfEmpty(String s) {
    return s.isEmpty() ? null : s;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
