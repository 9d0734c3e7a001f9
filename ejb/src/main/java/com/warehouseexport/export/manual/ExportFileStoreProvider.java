package com.warehouseexport.export.manual;

import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.StoreUrlParser;
import com.warehouseexport.export.s3.S3ClientFactory;
import com.warehouseexport.export.s3.S3Credentials;
import com.warehouseexport.export.s3.S3Gateway;
import com.warehouseexport.export.s3.ValidationResult;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chooses the {@link ExportFileStore} from the server's configuration, once, at deployment:
 *
 * <ul>
 *   <li>{@value #URL_ENV} unset (system property {@value #URL_PROPERTY}): the local directory
 *       ({@link LocalExportFileStore}), enough for one node;
 *   <li>set: the S3-compatible bucket it names ({@link S3ExportFileStore}, URL form in {@link
 *       StoreUrlParser}), with the credentials in {@value #ACCESS_KEY_ENV} and {@value
 *       #SECRET_KEY_ENV} (environment variables only; never logged).
 * </ul>
 *
 * A malformed URL or missing credentials fail the deployment, with one log line naming the
 * variable. An unreachable bucket does not (it may come up later): a warning is logged.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExportFileStoreProvider {

  /** Environment variable with the store URL. */
  public static final String URL_ENV = "EXPORT_STORE_URL";

  /** System property with the store URL, used when the environment variable is unset. */
  public static final String URL_PROPERTY = "warehouse.export.store-url";

  /** Environment variable with the store's access key ID. */
  public static final String ACCESS_KEY_ENV = "EXPORT_STORE_ACCESS_KEY_ID";

  /** Environment variable with the store's secret access key. */
  public static final String SECRET_KEY_ENV = "EXPORT_STORE_SECRET_ACCESS_KEY";

  private static final Logger LOG = Logger.getLogger(ExportFileStoreProvider.class.getName());

  private volatile ExportFileStore store;

  @PostConstruct
  void configure() {
    S3Location location;
    S3Credentials credentials;
    try {
      location = location(System::getenv, System::getProperty);
      credentials = location == null ? null : credentials(System::getenv);
    } catch (IllegalStateException e) {
      LOG.severe(e.getMessage());
      throw e;
    }
    if (location == null) {
      store = new LocalExportFileStore(ExportWorkDir.root());
    } else {
      S3ClientFactory factory = new S3ClientFactory();
      checkReachable(factory, location, credentials);
      store =
          new S3ExportFileStore(
              new S3Gateway(
                  factory.createForOperatorBucket(
                      location, credentials, S3ClientFactory.Timeouts.transfer()),
                  location));
    }
    LOG.info("Finished manual exports are stored in " + store.describe());
  }

  /** The configured store. */
  public ExportFileStore store() {
    return store;
  }

  @PreDestroy
  void close() {
    if (store instanceof S3ExportFileStore s3) {
      s3.close();
    }
  }

  /**
   * The store's bucket, or null for the local directory.
   *
   * @param env reads an environment variable
   * @param properties reads a system property
   * @throws IllegalStateException naming the variable when the URL is malformed
   */
  static S3Location location(UnaryOperator<String> env, UnaryOperator<String> properties) {
    String url = env.apply(URL_ENV);
    String source = URL_ENV;
    if (url == null || url.isBlank()) {
      url = properties.apply(URL_PROPERTY);
      source = "system property " + URL_PROPERTY;
    }
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      return StoreUrlParser.parse(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          source
              + " is invalid: "
              + e.getMessage()
              + " Expected "
              + StoreUrlParser.EXAMPLE
              + " (S3-compatible server) or s3://<bucket>/<prefix>?region=<region> (AWS S3);"
              + " unset it to keep finished exports in the node's data directory.",
          e);
    }
  }

  /**
   * The store's credentials.
   *
   * @throws IllegalStateException naming the variables when one is missing
   */
  static S3Credentials credentials(UnaryOperator<String> env) {
    String key = env.apply(ACCESS_KEY_ENV);
    String secret = env.apply(SECRET_KEY_ENV);
    if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
      throw new IllegalStateException(
          URL_ENV
              + " is set but "
              + (key == null || key.isBlank() ? ACCESS_KEY_ENV : SECRET_KEY_ENV)
              + " is not: the export store needs both "
              + ACCESS_KEY_ENV
              + " and "
              + SECRET_KEY_ENV
              + ".");
    }
    return new S3Credentials(key.strip(), secret.strip());
  }

  /** Lists the bucket once (at most about 10 s) and warns if that fails. */
  private static void checkReachable(
      S3ClientFactory factory, S3Location location, S3Credentials credentials) {
    try (S3Gateway probe =
        new S3Gateway(
            factory.createForOperatorBucket(
                location, credentials, S3ClientFactory.Timeouts.VALIDATION),
            location)) {
      ValidationResult result = probe.validate();
      if (!result.ok()) {
        LOG.warning(
            "The export store ("
                + URL_ENV
                + ") cannot be used yet; downloads of finished exports fail until it can: "
                + result.message());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The export store (" + URL_ENV + ") cannot be checked", e);
    }
  }
}
