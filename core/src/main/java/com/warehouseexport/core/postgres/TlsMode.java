package com.warehouseexport.core.postgres;

import java.util.Locale;

/**
 * How the connection to the customer's PostgreSQL is protected: {@code require} (the default: TLS,
 * the server refusing it fails the connection) or {@code disable} (plain TCP, only for hosts an
 * operator allow-lists: {@link PostgresTlsRule}). The id is pgjdbc's {@code sslmode} value.
 */
public enum TlsMode {
  REQUIRE("require"),
  DISABLE("disable");

  private final String id;

  TlsMode(String id) {
    this.id = id;
  }

  /** As the API, the console and pgjdbc's {@code sslmode} spell it. */
  public String id() {
    return id;
  }

  /** {@code require} for null or blank; {@link InvalidPostgresSettingException} when unknown. */
  public static TlsMode fromId(String id) {
    if (id == null || id.isBlank()) {
      return REQUIRE;
    }
    String wanted = id.strip().toLowerCase(Locale.ROOT);
    for (TlsMode mode : values()) {
      if (mode.id.equals(wanted)) {
        return mode;
      }
    }
    throw new InvalidPostgresSettingException("tlsMode", "tlsMode must be require or disable");
  }
}
