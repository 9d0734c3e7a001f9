package com.warehouseexport.platform;

/**
 * The JNDI names of the application's data sources, as the server configuration ({@code
 * ear/src/main/wildfly/*.cli}) defines them. Constants, so that {@code @Resource(lookup = …)} can
 * name them.
 */
public final class DataSources {

  /** The application database: JTA, read-write; JPA, JDBC stores, timers and the job repository. */
  public static final String APP = "java:jboss/datasources/AppDS";

  /**
   * The same database through a non-JTA pool: the export reader's long read-only snapshot, held for
   * a whole step outside any transaction.
   */
  public static final String APP_READ = "java:jboss/datasources/AppReadDS";

  private DataSources() {}
}
