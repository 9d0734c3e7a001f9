package com.warehouseexport.core.postgres;

import com.warehouseexport.core.net.EndpointGuard;

/**
 * The TLS rule of the PostgreSQL destination: {@code require} is always allowed; {@code disable}
 * (the password and the data in clear on the network) only for a host an operator put on the
 * plain-text allow-list ({@code POSTGRES_TLS_DISABLE_ALLOWLIST}): a host name on it, or an IP
 * address inside one of its blocks — a name that merely resolves into a block does not count.
 */
public final class PostgresTlsRule {

  /** The server setting (environment variable) operators allow-list plain-text hosts with. */
  public static final String ALLOWLIST_ENV = "POSTGRES_TLS_DISABLE_ALLOWLIST";

  private PostgresTlsRule() {}

  /**
   * Null when {@code mode} may be used for {@code host}; otherwise the refusal, for the field
   * {@code tlsMode}.
   *
   * @param plainTextAllowList the operators' allow-list for TLS mode {@code disable}
   */
  public static String refusal(TlsMode mode, String host, EndpointGuard plainTextAllowList) {
    if (mode != TlsMode.DISABLE || plainTextAllowList.listsHost(host)) {
      return null;
    }
    return "TLS mode (sslmode) disable sends the password and the data unencrypted; it is allowed"
        + " only for hosts an operator allow-lists ("
        + ALLOWLIST_ENV
        + "). Use require, or ask an operator to allow-list "
        + host
        + ".";
  }
}
