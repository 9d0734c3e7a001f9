package com.warehouseexport.alerts;

import com.warehouseexport.core.alerts.AlertMessage;
import com.warehouseexport.core.alerts.AlertSubscription;
import com.warehouseexport.platform.DataSources;
import com.warehouseexport.platform.Jdbc;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The alert tables (migration V9): notification targets and the delivery outbox (the per
 * environment "failing" flag is {@code ExportAlertState}'s). Statements run without a transaction,
 * each committing on its own; the outbox is taken attempt by attempt with a compare-and-set on
 * {@code attempts}, so that one node makes each attempt.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertStore {

  private static final String TARGET_COLUMNS =
      "SELECT id, environment_id, kind, url, addresses, created_at, created_by, events FROM"
          + " notification_target";
  private static final String DELIVERY_COLUMNS =
      "SELECT id, target_id, environment_id, event, payload, state, attempts, next_attempt_at,"
          + " last_error, created_at FROM notification_delivery";

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  private Jdbc jdbc;

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource, "alerts");
  }

  /** A new id from {@code notification_seq}. */
  public long nextId() {
    return jdbc.nextValue("notification_seq");
  }

  public void insertTarget(
      long id,
      long env,
      NotificationTarget.Kind kind,
      String url,
      String secretEncrypted,
      String addresses,
      Set<AlertMessage.Kind> events,
      String by) {
    update(
        "INSERT INTO notification_target (id, environment_id, kind, url, secret_enc, addresses,"
            + " created_at, created_by, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        env,
        kind.id(),
        url,
        secretEncrypted,
        addresses,
        System.currentTimeMillis(),
        by,
        AlertSubscription.column(events));
  }

  /** Changes the events a target receives; false if the environment has no such target. */
  public boolean updateEvents(long env, long id, Set<AlertMessage.Kind> events) {
    return update(
            "UPDATE notification_target SET events = ? WHERE id = ? AND environment_id = ?",
            AlertSubscription.column(events),
            id,
            env)
        == 1;
  }

  public List<NotificationTarget> targets(long env) {
    return queryTargets(TARGET_COLUMNS + " WHERE environment_id = ? ORDER BY id", env);
  }

  public Optional<NotificationTarget> target(long id) {
    return queryTargets(TARGET_COLUMNS + " WHERE id = ?", id).stream().findFirst();
  }

  /** The encrypted signing secret of a webhook target. */
  public Optional<String> secretOf(long targetId) {
    return jdbc.first(
        "SELECT secret_enc FROM notification_target WHERE id = ?", rs -> rs.getString(1), targetId);
  }

  /** A webhook target's encrypted signing secret, with the environment it belongs to. */
  public record StoredSecret(long targetId, long environmentId, String encrypted) {}

  /** Every webhook target's encrypted signing secret. */
  public List<StoredSecret> secrets() {
    return jdbc.list(
        "SELECT id, environment_id, secret_enc FROM notification_target WHERE secret_enc IS NOT"
            + " NULL ORDER BY id",
        rs -> new StoredSecret(rs.getLong(1), rs.getLong(2), rs.getString(3)));
  }

  /**
   * Replaces a target's encrypted secret while it is still {@code expected} (another node
   * re-encrypting at the same start-up wins otherwise); false if it was not.
   */
  public boolean replaceSecret(long targetId, String expected, String replacement) {
    return update(
            "UPDATE notification_target SET secret_enc = ? WHERE id = ? AND secret_enc = ?",
            replacement,
            targetId,
            expected)
        == 1;
  }

  /** Removes a target and its pending deliveries; false if the environment has no such target. */
  public boolean deleteTarget(long env, long id) {
    update("DELETE FROM notification_delivery WHERE target_id = ? AND state = 'pending'", id);
    return update("DELETE FROM notification_target WHERE id = ? AND environment_id = ?", id, env)
        == 1;
  }

  /** Queues a message for a target, due now. */
  public void enqueue(long targetId, long env, String event, String payload) {
    long now = System.currentTimeMillis();
    update(
        "INSERT INTO notification_delivery (id, target_id, environment_id, event, payload, state,"
            + " attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
        nextId(),
        targetId,
        env,
        event,
        payload,
        now,
        now);
  }

  /** Pending deliveries due at {@code now}, oldest first, at most {@code limit}. */
  public List<Delivery> due(Instant now, int limit) {
    List<Delivery> all =
        queryDeliveries(
            DELIVERY_COLUMNS
                + " WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id",
            now.toEpochMilli());
    return all.size() > limit ? all.subList(0, limit) : all;
  }

  /** The newest deliveries of an environment. */
  public List<Delivery> recent(long env, int limit) {
    List<Delivery> all =
        queryDeliveries(DELIVERY_COLUMNS + " WHERE environment_id = ? ORDER BY id DESC", env);
    return all.size() > limit ? all.subList(0, limit) : all;
  }

  /**
   * Takes a delivery for one attempt (compare-and-set on the attempts seen): counts the attempt and
   * pushes its due time to {@code leaseUntil}, so no other node tries it meanwhile. False if
   * another node took it first.
   */
  public boolean take(Delivery d, Instant leaseUntil) {
    return update(
            "UPDATE notification_delivery SET attempts = attempts + 1, next_attempt_at = ?"
                + " WHERE id = ? AND attempts = ? AND state = 'pending'",
            leaseUntil.toEpochMilli(),
            d.id(),
            d.attempts())
        == 1;
  }

  public void delivered(long id) {
    update(
        "UPDATE notification_delivery SET state = 'delivered', next_attempt_at = NULL,"
            + " last_error = NULL WHERE id = ?",
        id);
  }

  public void retryAt(long id, Instant next, String error) {
    update(
        "UPDATE notification_delivery SET next_attempt_at = ?, last_error = ? WHERE id = ?",
        next.toEpochMilli(),
        shorten(error),
        id);
  }

  public void givenUp(long id, String error) {
    update(
        "UPDATE notification_delivery SET state = 'failed', next_attempt_at = NULL,"
            + " last_error = ? WHERE id = ?",
        shorten(error),
        id);
  }

  /**
   * Deletes delivered and given-up deliveries queued before {@code before} (the outbox keeps its
   * recent history for the console, not every message ever sent); pending ones are kept whatever
   * their age. Returns how many rows went.
   */
  public int purgeFinished(Instant before) {
    return update(
        "DELETE FROM notification_delivery WHERE state IN ('delivered', 'failed')"
            + " AND created_at < ?",
        before.toEpochMilli());
  }

  private static String shorten(String s) {
    return s == null ? null : s.length() > 1000 ? s.substring(0, 999) + "…" : s;
  }

  private int update(String sql, Object... values) {
    return jdbc.update(sql, values);
  }

  private List<NotificationTarget> queryTargets(String sql, Object... params) {
    return jdbc.list(
        sql,
        rs -> {
          String addresses = rs.getString(5);
          return new NotificationTarget(
              rs.getLong(1),
              rs.getLong(2),
              NotificationTarget.Kind.of(rs.getString(3)),
              rs.getString(4),
              addresses == null ? List.of() : Arrays.asList(addresses.split(",")),
              Instant.ofEpochMilli(rs.getLong(6)),
              rs.getString(7),
              AlertSubscription.fromColumn(rs.getString(8)));
        },
        params);
  }

  private List<Delivery> queryDeliveries(String sql, Object... params) {
    return jdbc.list(
        sql,
        rs -> {
          long next = rs.getLong(8);
          boolean noNext = rs.wasNull();
          return new Delivery(
              rs.getLong(1),
              rs.getLong(2),
              rs.getLong(3),
              rs.getString(4),
              rs.getString(5),
              rs.getString(6),
              rs.getInt(7),
              noNext ? null : Instant.ofEpochMilli(next),
              rs.getString(9),
              Instant.ofEpochMilli(rs.getLong(10)));
        },
        params);
  }
}
