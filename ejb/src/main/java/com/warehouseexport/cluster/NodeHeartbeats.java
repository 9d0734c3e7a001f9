package com.warehouseexport.cluster;

import com.warehouseexport.platform.SqlDialect;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The heartbeat table ({@code node_heartbeat}) and the take-over claims ({@code
 * execution_takeover}): every method commits on its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class NodeHeartbeats {

  @Resource(lookup = "java:jboss/datasources/AppDS")
  private DataSource dataSource;

  /** Records that {@code node} is alive now (started at {@code startedAt}). */
  public void beat(String node, Instant startedAt) {
    long now = System.currentTimeMillis();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement update =
          c.prepareStatement(
              "UPDATE node_heartbeat SET last_seen = ?, started_at = ? WHERE node = ?")) {
        update.setLong(1, now);
        update.setLong(2, startedAt.toEpochMilli());
        update.setString(3, node);
        if (update.executeUpdate() == 1) {
          return;
        }
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO node_heartbeat (node, started_at, last_seen) VALUES (?, ?, ?)")) {
        insert.setString(1, node);
        insert.setLong(2, startedAt.toEpochMilli());
        insert.setLong(3, now);
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      if (!SqlDialect.isRetryable(e)) { // a concurrent first beat of the same node: fine
        throw new IllegalStateException("Cannot write the node heartbeat: " + e.getMessage(), e);
      }
    }
  }

  /** The last heartbeat of every node that ever wrote one. */
  public Map<String, Instant> lastSeen() {
    Map<String, Instant> seen = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT node, last_seen FROM node_heartbeat");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        seen.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
      }
      return seen;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read node heartbeats: " + e.getMessage(), e);
    }
  }

  /** True if {@code self} now owns the take-over of the execution (exactly one node wins). */
  public boolean claimTakeover(long executionId, String deadNode, String self) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO execution_takeover (execution_id, dead_node, taken_by, taken_at)"
                    + " VALUES (?, ?, ?, ?)")) {
      ps.setLong(1, executionId);
      ps.setString(2, deadNode);
      ps.setString(3, self);
      ps.setLong(4, System.currentTimeMillis());
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (SqlDialect.isRetryable(e)) {
        return false;
      }
      throw new IllegalStateException("Cannot record the take-over: " + e.getMessage(), e);
    }
  }
}
