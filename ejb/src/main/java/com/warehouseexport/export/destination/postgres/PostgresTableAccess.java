package com.warehouseexport.export.destination.postgres;

import com.warehouseexport.core.postgres.CompanyUsageTable;
import com.warehouseexport.core.postgres.CopyRows;
import com.warehouseexport.core.postgres.PostgresTarget;
import com.warehouseexport.core.postgres.RightsCheck;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.postgresql.util.PSQLException;

/**
 * What the destination does on an open connection: the rights check (inside a transaction that is
 * always rolled back) and the delivery of one period in <b>one transaction</b> — create the table
 * if missing, delete the period's rows, {@code COPY … FROM STDIN}, check the row count, commit — so
 * a re-run replaces, a failure leaves the previous state and readers never see half a period.
 */
final class PostgresTableAccess {

  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private PostgresTableAccess() {}

  /** Finds out what a delivery would need, changes nothing. */
  static RightsCheck.Result check(Connection c, PostgresTarget t) throws SQLException {
    c.setAutoCommit(false);
    try {
      Long schema = schemaOid(c, t.schema());
      if (schema == null) {
        return RightsCheck.decide(
            t, new RightsCheck.Facts(false, false, false, false, false, false, false, null));
      }
      boolean usage = privilege(c, "has_schema_privilege(?, 'USAGE')", schema);
      Long table = usage ? tableOid(c, schema, t.table()) : null;
      if (!usage) {
        return RightsCheck.decide(
            t, new RightsCheck.Facts(true, false, false, false, false, false, false, null));
      }
      if (table == null) {
        boolean create = tryCreate(c, t);
        return RightsCheck.decide(
            t, new RightsCheck.Facts(true, true, false, create, false, false, false, null));
      }
      return RightsCheck.decide(
          t,
          new RightsCheck.Facts(
              true,
              true,
              true,
              false,
              privilege(c, "has_table_privilege(?, 'INSERT')", table),
              privilege(c, "has_table_privilege(?, 'DELETE')", table),
              privilege(c, "has_table_privilege(?, 'SELECT')", table),
              CompanyUsageTable.mismatch(t.schema() + "." + t.table(), columns(c, table))));
    } finally {
      c.rollback();
    }
  }

  /**
   * Delivers one period from its CSV in one transaction.
   *
   * @return the rows copied (equal to {@code expectedRows}, or nothing was committed)
   */
  static long deliver(
      Connection c,
      PostgresTarget t,
      LocalDate period,
      OffsetDateTime exportedAt,
      Reader csv,
      long expectedRows)
      throws SQLException, IOException, PostgresAccessException {
    c.setAutoCommit(false);
    boolean committed = false;
    try {
      Long schema = schemaOid(c, t.schema());
      if (schema == null) {
        throw new PostgresAccessException(
            "schema",
            "The schema " + t.schema() + " does not exist in database " + t.database() + ".",
            null);
      }
      Long table = tableOid(c, schema, t.table());
      try (Statement s = c.createStatement()) {
        if (table == null) {
          s.execute(CompanyUsageTable.createTable(t));
          s.execute(CompanyUsageTable.createPeriodIndex(t));
        } else {
          String mismatch =
              CompanyUsageTable.mismatch(t.schema() + "." + t.table(), columns(c, table));
          if (mismatch != null) {
            throw new PostgresAccessException("table", mismatch, null);
          }
        }
      }
      try (PreparedStatement delete = c.prepareStatement(CompanyUsageTable.deletePeriod(t))) {
        delete.setObject(1, period);
        delete.executeUpdate();
      }
      long copied = copy(c, t, period, exportedAt, csv);
      if (copied != expectedRows) {
        throw new IOException(
            "COPY took " + copied + " rows, the period's export holds " + expectedRows);
      }
      c.commit();
      committed = true;
      return copied;
    } finally {
      if (!committed) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // the connection is closed by the caller either way; nothing was committed
        }
      }
    }
  }

  private static long copy(
      Connection c, PostgresTarget t, LocalDate period, OffsetDateTime exportedAt, Reader csv)
      throws SQLException, IOException {
    PGCopyOutputStream out =
        new PGCopyOutputStream(
            c.unwrap(PGConnection.class), CompanyUsageTable.copyFromStdin(t), 1 << 16);
    boolean ended = false;
    try {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      new CopyRows(period, exportedAt).write(csv, w);
      w.flush();
      long rows = out.endCopy();
      ended = true;
      return rows;
    } catch (IOException e) {
      // A failed write of COPY data carries the server's error as its cause.
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw e;
    } finally {
      if (!ended && out.isActive()) {
        try {
          out.cancelCopy();
        } catch (SQLException ignored) {
          // the transaction is rolled back anyway
        }
      }
    }
  }

  /** The first line of the server's message, without the driver's decorations. */
  static String serverMessage(SQLException e) {
    if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
      return p.getServerErrorMessage().getMessage();
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static boolean tryCreate(Connection c, PostgresTarget t) throws SQLException {
    Savepoint before = c.setSavepoint();
    try (Statement s = c.createStatement()) {
      s.execute(CompanyUsageTable.createTable(t));
      s.execute(CompanyUsageTable.createPeriodIndex(t));
      return true;
    } catch (SQLException e) {
      if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
        c.rollback(before);
        return false;
      }
      throw e;
    }
  }

  private static Long schemaOid(Connection c, String schema) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT oid::bigint FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static Long tableOid(Connection c, long schema, String table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT oid::bigint FROM pg_catalog.pg_class WHERE relnamespace = ?::oid AND relname = ?"
                + " AND relkind IN ('r', 'p')")) {
      ps.setLong(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static boolean privilege(Connection c, String function, long oid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + function.replace("?", "?::oid"))) {
      ps.setLong(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static Map<String, CompanyUsageTable.ExistingColumn> columns(Connection c, long table)
      throws SQLException {
    Map<String, CompanyUsageTable.ExistingColumn> columns = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT attname, pg_catalog.format_type(atttypid, atttypmod), attnotnull, atthasdef"
                + " FROM pg_catalog.pg_attribute WHERE attrelid = ?::oid AND attnum > 0"
                + " AND NOT attisdropped ORDER BY attnum")) {
      ps.setLong(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(
              rs.getString(1),
              new CompanyUsageTable.ExistingColumn(
                  rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
        }
      }
    }
    return columns;
  }
}
