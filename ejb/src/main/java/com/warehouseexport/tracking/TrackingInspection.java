package com.warehouseexport.tracking;

import com.warehouseexport.platform.DataSources;
import com.warehouseexport.platform.Jdbc;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;

/**
 * Operators (and the integration tests, since the embedded database opens no port): what ingestion
 * stored for one environment — companies with First/Last Seen, the per company × feature × day
 * rollups, events grouped by company and instant, feedback — read-only and bounded to {@link
 * #LIMIT} rows per list, optionally for one company.
 */
@Stateless
public class TrackingInspection {

  /** Rows per list at most. */
  public static final int LIMIT = 1_000;

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  public JsonObject inspect(long environmentId, String companyId) {
    String company = companyId == null ? "" : " AND company_id = ?";
    try (Connection c = dataSource.getConnection()) {
      return Json.createObjectBuilder()
          .add("environmentId", environmentId)
          .add(
              "companies",
              rows(
                  c,
                  "SELECT company_id, first_seen_at, last_seen_at FROM company"
                      + " WHERE environment_id = ?"
                      + company
                      + " ORDER BY company_id",
                  environmentId,
                  companyId,
                  "companyId",
                  "firstSeenAt",
                  "lastSeenAt"))
          .add(
              "usageDays",
              rows(
                  c,
                  "SELECT company_id, feature_key, epoch_day, usage_count, first_at FROM usage_day"
                      + " WHERE environment_id = ?"
                      + company
                      + " ORDER BY company_id, feature_key, epoch_day",
                  environmentId,
                  companyId,
                  "companyId",
                  "featureKey",
                  "epochDay",
                  "usageCount",
                  "firstAt"))
          .add(
              "events",
              rows(
                  c,
                  "SELECT company_id, occurred_at, COUNT(*) FROM tracked_event"
                      + " WHERE environment_id = ?"
                      + company
                      + " GROUP BY company_id, occurred_at ORDER BY occurred_at, company_id",
                  environmentId,
                  companyId,
                  "companyId",
                  "occurredAt",
                  "count"))
          .add(
              "feedback",
              rows(
                  c,
                  "SELECT user_id, company_id FROM feedback WHERE environment_id = ?"
                      + company
                      + " ORDER BY user_id, company_id",
                  environmentId,
                  companyId,
                  "userId",
                  "companyId"))
          .build();
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the tracking data failed: " + e.getMessage(), e);
    }
  }

  private static JsonArrayBuilder rows(
      Connection c, String sql, long environmentId, String companyId, String... names)
      throws SQLException {
    JsonArrayBuilder array = Json.createArrayBuilder();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bind(
          ps,
          companyId == null
              ? new Object[] {environmentId}
              : new Object[] {environmentId, companyId});
      ps.setMaxRows(LIMIT);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          JsonObjectBuilder row = Json.createObjectBuilder();
          for (int i = 0; i < names.length; i++) {
            int type = meta.getColumnType(i + 1);
            boolean number =
                type == Types.BIGINT
                    || type == Types.INTEGER
                    || type == Types.SMALLINT
                    || type == Types.NUMERIC
                    || type == Types.DECIMAL;
            if (number) {
              long value = rs.getLong(i + 1);
              if (rs.wasNull()) {
                row.addNull(names[i]);
              } else {
                row.add(names[i], value);
              }
            } else {
              String value = rs.getString(i + 1);
              if (value == null) {
                row.addNull(names[i]);
              } else {
                row.add(names[i], value);
              }
            }
          }
          array.add(row);
        }
      }
    }
    return array;
  }
}
