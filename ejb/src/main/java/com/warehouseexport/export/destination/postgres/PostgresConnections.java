package com.warehouseexport.export.destination.postgres;

import com.warehouseexport.core.net.EndpointGuard;
import com.warehouseexport.core.net.HostResolver;
import com.warehouseexport.core.postgres.ConnectionProblems;
import com.warehouseexport.core.postgres.PostgresTarget;
import com.warehouseexport.export.s3.S3ClientFactory;
import com.warehouseexport.platform.ServerSettings;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens one connection to a customer's PostgreSQL, for one check or one delivery, and nothing else:
 * never pooled, so nothing of a customer's database outlives the period it served.
 *
 * <ul>
 *   <li>The host is resolved <b>once</b> and every address is judged by the server's SSRF guard
 *       ({@link EndpointGuard}, allow-list {@code S3_ENDPOINT_ALLOWLIST}, the same as for custom
 *       bucket endpoints and webhooks); the driver is then given the first address, not the name,
 *       so a second resolution cannot lead it elsewhere (DNS rebinding).
 *   <li>Timeouts are bounded: connect and log-in ({@code POSTGRES_DESTINATION_CONNECT_TIMEOUT},
 *       default 10 s), every statement ({@code POSTGRES_DESTINATION_STATEMENT_TIMEOUT}, default 15
 *       min, sent as {@code statement_timeout}) and the socket (the statement timeout plus 30 s).
 *   <li>TLS per the destination's mode ({@code sslmode=require} or {@code disable}).
 * </ul>
 */
public final class PostgresConnections {

  public static final String CONNECT_TIMEOUT_ENV = "POSTGRES_DESTINATION_CONNECT_TIMEOUT";
  public static final String CONNECT_TIMEOUT_PROPERTY = "warehouse.postgres.connect-timeout";
  public static final String STATEMENT_TIMEOUT_ENV = "POSTGRES_DESTINATION_STATEMENT_TIMEOUT";
  public static final String STATEMENT_TIMEOUT_PROPERTY = "warehouse.postgres.statement-timeout";
  public static final String TLS_ALLOWLIST_PROPERTY = "warehouse.postgres.tls-disable-allowlist";

  private final EndpointGuard guard;
  private final HostResolver resolver;
  private final Duration connectTimeout;
  private final Duration statementTimeout;

  PostgresConnections(
      EndpointGuard guard,
      HostResolver resolver,
      Duration connectTimeout,
      Duration statementTimeout) {
    this.guard = guard;
    this.resolver = resolver;
    this.connectTimeout = connectTimeout;
    this.statementTimeout = statementTimeout;
  }

  /** With the server's guard, DNS and timeouts. */
  public static PostgresConnections fromServerConfiguration() {
    return new PostgresConnections(
        S3ClientFactory.fromServerConfiguration(),
        HostResolver.system(),
        ServerSettings.duration(
            CONNECT_TIMEOUT_ENV, CONNECT_TIMEOUT_PROPERTY, Duration.ofSeconds(10)),
        ServerSettings.duration(
            STATEMENT_TIMEOUT_ENV, STATEMENT_TIMEOUT_PROPERTY, Duration.ofMinutes(15)));
  }

  /** The operators' allow-list for TLS mode {@code disable}. */
  public static EndpointGuard plainTextAllowList() {
    return EndpointGuard.fromConfig(
        ServerSettings.value(
            com.warehouseexport.core.postgres.PostgresTlsRule.ALLOWLIST_ENV,
            TLS_ALLOWLIST_PROPERTY));
  }

  /** A new connection (the caller closes it), auto-commit on. */
  public Connection open(PostgresDestinationSettings settings) throws PostgresAccessException {
    PostgresTarget t = settings.target();
    InetAddress address = address(t.host());
    PGSimpleDataSource ds = new PGSimpleDataSource();
    String literal = address.getHostAddress();
    ds.setServerNames(new String[] {literal.indexOf(':') >= 0 ? "[" + literal + "]" : literal});
    ds.setPortNumbers(new int[] {t.port()});
    ds.setDatabaseName(t.database());
    ds.setUser(t.user());
    ds.setPassword(settings.password());
    ds.setSslMode(t.tlsMode().id());
    int connectSeconds = seconds(connectTimeout);
    ds.setConnectTimeout(connectSeconds);
    ds.setLoginTimeout(connectSeconds);
    ds.setSocketTimeout(seconds(statementTimeout) + 30);
    ds.setOptions("-c statement_timeout=" + Math.max(1, statementTimeout.toMillis()));
    ds.setApplicationName("warehouse-export");
    ds.setTcpKeepAlive(true);
    try {
      return ds.getConnection();
    } catch (SQLException e) {
      throw problem(t, e);
    }
  }

  /** The admin's view of a failed statement or connection. */
  static PostgresAccessException problem(PostgresTarget t, SQLException e) {
    ConnectionProblems.Problem p =
        ConnectionProblems.describe(t, e.getSQLState(), e.getMessage(), timedOut(e));
    return new PostgresAccessException(p.field(), p.message(), e);
  }

  private InetAddress address(String host) throws PostgresAccessException {
    List<InetAddress> addresses;
    try {
      addresses =
          EndpointGuard.isAddressLiteral(host)
              ? List.of(InetAddress.getByName(host))
              : resolver.resolve(host);
    } catch (UnknownHostException e) {
      addresses = List.of();
    }
    EndpointGuard.Decision decision = guard.check(host, addresses);
    if (!decision.allowed()) {
      throw new PostgresAccessException("host", decision.reason(), null);
    }
    return addresses.get(0);
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static int seconds(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, (d.toMillis() + 999) / 1000));
  }
}
