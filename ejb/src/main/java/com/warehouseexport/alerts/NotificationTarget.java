package com.warehouseexport.alerts;

import com.warehouseexport.core.alerts.AlertMessage;
import com.warehouseexport.core.alerts.AlertSubscription;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A notification target of an environment, without its secret: a webhook ({@code url}) or e-mail
 * ({@code addresses}).
 */
public record NotificationTarget(
    long id,
    long environmentId,
    Kind kind,
    String url,
    List<String> addresses,
    Instant createdAt,
    String createdBy,
    Set<AlertMessage.Kind> events) {

  /** Whether this target receives a message of {@code kind} ({@link AlertSubscription}). */
  public boolean receives(AlertMessage.Kind kind) {
    return AlertSubscription.receives(events, kind);
  }

  /** What it is in an admin's words: its URL, or its addresses. */
  public String label() {
    return kind == Kind.WEBHOOK ? url : String.join(", ", addresses);
  }

  /** The two kinds (column {@code kind}). */
  public enum Kind {
    WEBHOOK,
    EMAIL;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Kind of(String id) {
      return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }
  }
}
