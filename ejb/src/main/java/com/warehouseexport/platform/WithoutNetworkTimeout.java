package com.warehouseexport.platform;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections wait for the database without a time limit while they are
 * open, and get their limit back when closed. The application's datasources bound every wait for an
 * answer (PostgreSQL {@code socketTimeout}, {@code DB_SOCKET_TIMEOUT_SECONDS}, so a database that
 * stops answering cannot hold a thread forever); the schema work at start-up is what may rightly
 * wait longer, for an index built over a large table or for another node's work under the same
 * advisory lock: the migrations ({@link FlywaySchema}) and the job repository's indexes ({@link
 * JobRepositoryIndexing}). Pooled connections go back to the pool with their limit restored. A
 * driver without a limit (H2: 0) is left as it is.
 */
public final class WithoutNetworkTimeout implements DataSource {

  /** The driver ignores the executor when lifting a limit; none is needed to wait without one. */
  private static final Executor DIRECT = Runnable::run;

  private final DataSource delegate;

  public WithoutNetworkTimeout(DataSource delegate) {
    this.delegate = delegate;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return lifted(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return lifted(delegate.getConnection(username, password));
  }

  /** The connection without its network timeout; closing it restores the timeout first. */
  private static Connection lifted(Connection c) throws SQLException {
    int limit;
    try {
      limit = c.getNetworkTimeout();
      if (limit != 0) {
        c.setNetworkTimeout(DIRECT, 0);
      }
    } catch (SQLFeatureNotSupportedException | AbstractMethodError e) {
      return c; // a driver without network timeouts has none to lift
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    if (limit == 0) {
      return c;
    }
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                  if (!c.isClosed()) {
                    c.setNetworkTimeout(DIRECT, limit);
                  }
                } finally {
                  c.close();
                }
                return null;
              }
              try {
                return method.invoke(c, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
