package com.warehouseexport.cluster;

import com.warehouseexport.core.cluster.Liveness;
import com.warehouseexport.platform.DataSources;
import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.platform.SqlDialect;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The heartbeat table ({@code node_heartbeat}) and the take-over claims ({@code
 * execution_takeover}): every method commits on its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class NodeHeartbeats {

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  @EJB private ClusterClock clock;

  /**
   * Records that {@code node} is alive now (started at {@code startedAt}), on the database's clock:
   * each beat first reads it, and {@link ClusterClock} keeps the offset for everything else this
   * node coordinates by.
   */
  public void beat(String node, Instant startedAt) {
    try (Connection c = dataSource.getConnection()) {
      long before = clock.localMillis();
      long database;
      try (PreparedStatement ps = c.prepareStatement("SELECT CURRENT_TIMESTAMP");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        database = rs.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli();
      }
      clock.observed(before, database, clock.localMillis());
      long now = clock.millis();
      if (Jdbc.update(
              c,
              "UPDATE node_heartbeat SET last_seen = ?, started_at = ? WHERE node = ?",
              now,
              startedAt.toEpochMilli(),
              node)
          == 1) {
        return;
      }
      Jdbc.update(
          c,
          "INSERT INTO node_heartbeat (node, started_at, last_seen) VALUES (?, ?, ?)",
          node,
          startedAt.toEpochMilli(),
          now);
    } catch (SQLException e) {
      if (!SqlDialect.isRetryable(e)) { // a concurrent first beat of the same node: fine
        throw new IllegalStateException("Cannot write the node heartbeat: " + e.getMessage(), e);
      }
    }
  }

  /** The last heartbeat of every node that ever wrote one. */
  public Map<String, Instant> lastSeen() {
    Map<String, Instant> seen = new HashMap<>();
    for (Map.Entry<String, Instant> e :
        new Jdbc(dataSource, "node heartbeats")
            .list(
                "SELECT node, last_seen FROM node_heartbeat",
                rs -> Map.entry(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))) {
      seen.put(e.getKey(), e.getValue());
    }
    return seen;
  }

  /**
   * The nodes whose last heartbeat is not older than {@code liveness} allows as of {@code now}:
   * those that share the due periods of a midnight.
   */
  public List<String> liveNodes(Liveness liveness, Instant now) {
    List<String> live = new ArrayList<>();
    lastSeen()
        .forEach(
            (node, seen) -> {
              if (!liveness.isDead(seen, now)) {
                live.add(node);
              }
            });
    return live;
  }

  /** True if {@code self} now owns the take-over of the execution (exactly one node wins). */
  public boolean claimTakeover(long executionId, String deadNode, String self) {
    try (Connection c = dataSource.getConnection()) {
      Jdbc.update(
          c,
          "INSERT INTO execution_takeover (execution_id, dead_node, taken_by, taken_at)"
              + " VALUES (?, ?, ?, ?)",
          executionId,
          deadNode,
          self,
          clock.millis());
      return true;
    } catch (SQLException e) {
      if (SqlDialect.isRetryable(e)) {
        return false;
      }
      throw new IllegalStateException("Cannot record the take-over: " + e.getMessage(), e);
    }
  }
}
