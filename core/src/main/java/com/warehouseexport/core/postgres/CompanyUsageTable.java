package com.warehouseexport.core.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table a PostgreSQL destination delivers into: the 18 CSV columns typed as in docs/schema.md
 * (dates {@code date}, codes {@code smallint}, the count {@code integer}, ids {@code text COLLATE
 * "C"}), nullable exactly where the CSV cell may be empty, plus {@code export_period date} (the
 * period the row was delivered for) and {@code exported_at timestamptz} (when that delivery was
 * committed); primary key company, feature, date. Statements here are built with quoted names only.
 */
public final class CompanyUsageTable {

  /**
   * A column.
   *
   * @param name the column name
   * @param type the type as {@code CREATE TABLE} writes it (with collation)
   * @param catalogType the type as {@code pg_catalog.format_type} reports it
   * @param nullable whether NULL is allowed
   */
  public record Column(String name, String type, String catalogType, boolean nullable) {}

  /** The columns, in table (and COPY) order. */
  public static final List<Column> COLUMNS =
      List.of(
          new Column("company_id", "text COLLATE \"C\"", "text", false),
          new Column("company_name", "text", "text", true),
          new Column("feature_name", "text", "text", false),
          new Column("feature_id", "text COLLATE \"C\"", "text", false),
          new Column("date", "date", "date", false),
          new Column("first_seen", "date", "date", false),
          new Column("last_seen", "date", "date", false),
          new Column("first_used", "date", "date", true),
          new Column("last_used", "date", "date", true),
          new Column("stars_state_label", "text", "text", false),
          new Column("stars_state", "smallint", "smallint", false),
          new Column("frequency_label", "text", "text", false),
          new Column("frequency", "smallint", "smallint", false),
          new Column("satisfaction_label", "text", "text", true),
          new Column("satisfaction", "smallint", "smallint", true),
          new Column("feedback_count", "integer", "integer", false),
          new Column("segment_names", "text", "text", true),
          new Column("segment_ids", "text", "text", true),
          new Column("export_period", "date", "date", false),
          new Column("exported_at", "timestamp with time zone", "timestamp with time zone", false));

  private CompanyUsageTable() {}

  /** {@code CREATE TABLE IF NOT EXISTS "schema"."table" (…)}, with its primary key. */
  public static String createTable(PostgresTarget target) {
    StringBuilder sql =
        new StringBuilder("CREATE TABLE IF NOT EXISTS ")
            .append(target.qualifiedTable())
            .append(" (\n");
    for (Column c : COLUMNS) {
      sql.append("  ")
          .append(PostgresSettingsRules.quote(c.name()))
          .append(' ')
          .append(c.type())
          .append(c.nullable() ? "" : " NOT NULL")
          .append(",\n");
    }
    sql.append("  PRIMARY KEY (\"company_id\", \"feature_id\", \"date\")\n)");
    return sql.toString();
  }

  /** An index on the period, so a re-run's delete does not scan the table. */
  public static String createPeriodIndex(PostgresTarget target) {
    String index = target.table().length() > 50 ? target.table().substring(0, 50) : target.table();
    return "CREATE INDEX IF NOT EXISTS "
        + PostgresSettingsRules.quote(index + "_export_period")
        + " ON "
        + target.qualifiedTable()
        + " (\"export_period\")";
  }

  /** Deletes one period's rows (parameter 1: the period as a date). */
  public static String deletePeriod(PostgresTarget target) {
    return "DELETE FROM " + target.qualifiedTable() + " WHERE \"export_period\" = ?";
  }

  /** {@code COPY … FROM STDIN} in text format, every column named (order of {@link #COLUMNS}). */
  public static String copyFromStdin(PostgresTarget target) {
    List<String> names = new ArrayList<>();
    for (Column c : COLUMNS) {
      names.add(PostgresSettingsRules.quote(c.name()));
    }
    return "COPY "
        + target.qualifiedTable()
        + " ("
        + String.join(", ", names)
        + ") FROM STDIN WITH (FORMAT text, ENCODING 'UTF8')";
  }

  /**
   * What is wrong with an existing table of that name, in admin words, or null when its columns are
   * this table's (names and types; extra nullable columns are tolerated, since COPY names its
   * columns).
   *
   * @param existing column name → type as {@code format_type} reports it, plus whether NOT NULL
   */
  public static String mismatch(String table, Map<String, ExistingColumn> existing) {
    Map<String, ExistingColumn> byName = new TreeMap<>(existing);
    List<String> problems = new ArrayList<>();
    for (Column c : COLUMNS) {
      ExistingColumn e = byName.remove(c.name());
      if (e == null) {
        problems.add("no column " + c.name());
      } else if (!e.type().toLowerCase(Locale.ROOT).equals(c.catalogType())) {
        problems.add(c.name() + " is " + e.type() + ", not " + c.catalogType());
      }
    }
    for (Map.Entry<String, ExistingColumn> extra : byName.entrySet()) {
      if (extra.getValue().notNull() && !extra.getValue().hasDefault()) {
        problems.add("extra column " + extra.getKey() + " is NOT NULL without a default");
      }
    }
    if (problems.isEmpty()) {
      return null;
    }
    return "The table "
        + table
        + " exists with other columns ("
        + String.join("; ", problems)
        + "). Choose another table name, or drop or rename that table.";
  }

  /** A column of an existing table as the catalog reports it. */
  public record ExistingColumn(String type, boolean notNull, boolean hasDefault) {}
}
