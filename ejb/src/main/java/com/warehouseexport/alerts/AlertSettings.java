package com.warehouseexport.alerts;

import com.warehouseexport.core.alerts.DeliveryBackoff;
import com.warehouseexport.platform.ServerSettings;
import java.time.Duration;

/**
 * Server configuration of alerts: the console's public address for links ({@code CONSOLE_URL}), how
 * often the outbox is drained ({@code ALERT_DELIVERY_INTERVAL}, PT10S), the retry backoff ({@code
 * ALERT_RETRY_INITIAL} PT30S, {@code ALERT_RETRY_MAX} PT30M, {@code ALERT_MAX_ATTEMPTS} 12),
 * whether SMTP is configured ({@code SMTP_HOST}) and the SMTP login ({@code SMTP_USER} / {@code
 * SMTP_PASSWORD}), and how long delivered or given-up deliveries stay in the outbox ({@code
 * ALERT_RETENTION}, P30D; purged every {@code ALERT_PURGE_INTERVAL}, PT1H). Each has a {@code
 * warehouse.*} system property equivalent.
 */
public final class AlertSettings {

  /** The mail session configured by configure-server.cli. */
  public static final String MAIL_SESSION = "java:jboss/mail/Warehouse";

  private AlertSettings() {}

  /** The console's base address, without a trailing slash. */
  public static String consoleUrl() {
    String value = ServerSettings.value("CONSOLE_URL", "warehouse.console-url");
    String url = value == null ? "http://localhost:8080" : value;
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The Data export page of an environment (its automatic export status and settings). */
  public static String environmentPage(long environmentId) {
    return consoleUrl()
        + "/console/environments/data-export.xhtml?env="
        + environmentId
        + "#automatic-export";
  }

  public static Duration deliveryInterval() {
    return ServerSettings.duration(
        "ALERT_DELIVERY_INTERVAL", "warehouse.alerts.delivery-interval", Duration.ofSeconds(10));
  }

  /** How long delivered and given-up deliveries are kept (the console shows the recent ones). */
  public static Duration retention() {
    return ServerSettings.duration(
        "ALERT_RETENTION", "warehouse.alerts.retention", Duration.ofDays(30));
  }

  /** How often a node purges the outbox of deliveries older than {@link #retention()}. */
  public static Duration purgeInterval() {
    return ServerSettings.duration(
        "ALERT_PURGE_INTERVAL", "warehouse.alerts.purge-interval", Duration.ofHours(1));
  }

  public static DeliveryBackoff backoff() {
    String attempts = ServerSettings.value("ALERT_MAX_ATTEMPTS", "warehouse.alerts.max-attempts");
    return new DeliveryBackoff(
        ServerSettings.duration(
            "ALERT_RETRY_INITIAL",
            "warehouse.alerts.retry-initial",
            DeliveryBackoff.DEFAULT.initial()),
        ServerSettings.duration(
            "ALERT_RETRY_MAX", "warehouse.alerts.retry-max", DeliveryBackoff.DEFAULT.max()),
        attempts == null ? DeliveryBackoff.DEFAULT.maxAttempts() : Integer.parseInt(attempts));
  }

  /** True when the operator configured SMTP; without it no e-mail is queued or sent. */
  public static boolean mailConfigured() {
    return ServerSettings.value("SMTP_HOST", "warehouse.smtp.host") != null;
  }

  static String smtpUser() {
    return ServerSettings.value("SMTP_USER", "warehouse.smtp.user");
  }

  static String smtpPassword() {
    return ServerSettings.value("SMTP_PASSWORD", "warehouse.smtp.password");
  }
}
