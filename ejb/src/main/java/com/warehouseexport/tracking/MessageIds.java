package com.warehouseexport.tracking;

import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.platform.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Idempotent ingestion (PRODUCT.md §2): records the {@code messageId}s of a request in {@code
 * ingested_message}, in the request's transaction, and says which items are duplicates — of an item
 * stored before (within the raw-event retention) or of an earlier item of the same request. One
 * statement per chunk, not per item. Two copies in flight at once are kept apart by the table's
 * primary key: on PostgreSQL the second insert waits for the first transaction and then finds the
 * row ({@code ON CONFLICT DO NOTHING}); on H2 the second insert fails with a unique violation and
 * the whole request is retried ({@link RetryableWriteException}), which then finds it.
 */
final class MessageIds {

  private static final int CHUNK = 500;

  private MessageIds() {}

  /**
   * Which items are duplicates, by index.
   *
   * @param messageIds per item its messageId, or null (never a duplicate)
   */
  static boolean[] claim(Connection c, long env, List<String> messageIds, long receivedAt)
      throws SQLException {
    boolean[] duplicate = new boolean[messageIds.size()];
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < messageIds.size(); i++) {
      String id = messageIds.get(i);
      if (id != null && !distinct.add(id)) {
        duplicate[i] = true; // a second copy within the request
      }
    }
    if (distinct.isEmpty()) {
      return duplicate;
    }
    Set<String> inserted = new HashSet<>();
    List<String> all = new ArrayList<>(distinct);
    boolean postgres = SqlDialect.of(c) == SqlDialect.POSTGRESQL;
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      inserted.addAll(
          postgres
              ? insertPostgres(c, env, chunk, receivedAt)
              : insertPortable(c, env, chunk, receivedAt));
    }
    for (int i = 0; i < messageIds.size(); i++) {
      String id = messageIds.get(i);
      if (id != null && !duplicate[i] && !inserted.contains(id)) {
        duplicate[i] = true;
      }
    }
    return duplicate;
  }

  private static List<String> insertPostgres(
      Connection c, long env, List<String> ids, long receivedAt) throws SQLException {
    return Jdbc.list(
        c,
        "INSERT INTO ingested_message (environment_id, message_id, received_at)"
            + " SELECT ?, u.m, ? FROM unnest(?::varchar[]) AS u(m)"
            + " ON CONFLICT (environment_id, message_id) DO NOTHING RETURNING message_id",
        rs -> rs.getString(1),
        env,
        receivedAt,
        ids.toArray(new String[0]));
  }

  private static List<String> insertPortable(
      Connection c, long env, List<String> ids, long receivedAt) throws SQLException {
    List<Object> params = new ArrayList<>(ids.size() + 1);
    params.add(env);
    params.addAll(ids);
    Set<String> known =
        new HashSet<>(
            Jdbc.list(
                c,
                "SELECT message_id FROM ingested_message WHERE environment_id = ?"
                    + " AND message_id IN ("
                    + "?,".repeat(ids.size() - 1)
                    + "?)",
                rs -> rs.getString(1),
                params.toArray()));
    List<String> fresh = ids.stream().filter(id -> !known.contains(id)).toList();
    Jdbc.batch(
        c,
        "INSERT INTO ingested_message (environment_id, message_id, received_at) VALUES (?, ?, ?)",
        fresh,
        id -> new Object[] {env, id, receivedAt});
    return fresh;
  }
}
