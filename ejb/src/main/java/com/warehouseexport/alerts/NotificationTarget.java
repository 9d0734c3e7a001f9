package com.warehouseexport.alerts;

import java.time.Instant;
import java.util.List;

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
    String createdBy) {

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
