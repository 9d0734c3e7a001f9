package com.warehouseexport.alerts;

import com.warehouseexport.core.alerts.AlertMessage;
import com.warehouseexport.core.alerts.AlertSubscription;
import com.warehouseexport.core.alerts.EmailAddresses;
import com.warehouseexport.core.alerts.WebhookSignature;
import com.warehouseexport.core.alerts.WebhookUrls;
import com.warehouseexport.core.input.TextRules;
import com.warehouseexport.core.net.EndpointGuard;
import com.warehouseexport.core.net.HostResolver;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.errors.RejectedValueException;
import com.warehouseexport.export.automatic.AutomaticExportPaused;
import com.warehouseexport.export.automatic.ExportAlertState;
import com.warehouseexport.export.automatic.PeriodOutcome;
import com.warehouseexport.export.s3.S3ClientFactory;
import com.warehouseexport.export.settings.MasterKeys;
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notification targets of an environment and the alerts sent to them (PRODUCT.md §8). Webhook
 * secrets are generated here, returned once and stored encrypted with the master key ring; e-mail
 * targets are only accepted while SMTP is configured. Events are turned into one outbox row per
 * target ({@link AlertDispatcher} delivers them).
 */
@Stateless
public class NotificationService {

  private static final Logger LOG = Logger.getLogger(NotificationService.class.getName());

  /** At most this many targets per environment. */
  public static final int MAX_TARGETS = 10;

  /** A new webhook target and its signing secret (shown once, never again). */
  public record CreatedWebhook(NotificationTarget target, String secret) {}

  @EJB private AlertStore store;
  @EJB private ExportAlertState alertState;
  @EJB private MasterKeys masterKeys;
  @EJB private ProvisioningService provisioning;

  public List<NotificationTarget> targets(long env) {
    provisioning.environment(env);
    return store.targets(env);
  }

  public List<Delivery> deliveries(long env, int limit) {
    return store.recent(env, limit);
  }

  public boolean mailConfigured() {
    return AlertSettings.mailConfigured();
  }

  /** Adds a webhook: HTTPS, allowed by the SSRF guard; returns the secret once. */
  public CreatedWebhook addWebhook(long env, String url, Set<AlertMessage.Kind> events, String by) {
    provisioning.environment(env);
    if (!TextRules.isClean(url, false)) {
      throw new InvalidInputException("url", "url contains a control character");
    }
    URI uri;
    try {
      uri = WebhookUrls.parse(url);
    } catch (IllegalArgumentException e) {
      throw new RejectedValueException("url", e.getMessage());
    }
    EndpointGuard.Decision decision =
        S3ClientFactory.fromServerConfiguration().check(uri, HostResolver.system());
    if (!decision.allowed()) {
      throw new RejectedValueException(
          "url", "The webhook URL may not be used: " + decision.reason() + ".");
    }
    requireRoom(env);
    long id = store.nextId();
    String secret = WebhookSignature.newSecret();
    store.insertTarget(
        id,
        env,
        NotificationTarget.Kind.WEBHOOK,
        uri.toString(),
        masterKeys.cipher().encrypt(secret, aad(id)),
        null,
        events,
        by);
    LOG.info(() -> "Webhook target " + id + " added to environment " + env + " by " + by);
    return new CreatedWebhook(store.target(id).orElseThrow(), secret);
  }

  /** Adds e-mail addresses (only while the operator has configured SMTP). */
  public NotificationTarget addEmail(
      long env, String addresses, Set<AlertMessage.Kind> events, String by) {
    provisioning.environment(env);
    if (!AlertSettings.mailConfigured()) {
      throw new RejectedValueException(
          "addresses",
          "E-mail is not available on this server: the operator has not set up outgoing mail."
              + " Use a webhook instead.");
    }
    if (addresses != null && addresses.length() > 2000) {
      throw new InvalidInputException("addresses", "addresses is longer than 2000 characters");
    }
    List<String> list;
    try {
      list = EmailAddresses.parse(addresses);
    } catch (IllegalArgumentException e) {
      throw new RejectedValueException("addresses", e.getMessage());
    }
    requireRoom(env);
    long id = store.nextId();
    store.insertTarget(
        id, env, NotificationTarget.Kind.EMAIL, null, null, String.join(",", list), events, by);
    LOG.info(() -> "E-mail target " + id + " added to environment " + env + " by " + by);
    return store.target(id).orElseThrow();
  }

  /** Changes the events a target receives. */
  public NotificationTarget subscribe(
      long env, long targetId, Set<AlertMessage.Kind> events, String by) {
    provisioning.environment(env);
    if (!store.updateEvents(env, targetId, events)) {
      throw new NotFoundException("Notification target " + targetId + " does not exist");
    }
    LOG.info(
        () ->
            "Notification target "
                + targetId
                + " of environment "
                + env
                + " now receives "
                + AlertSubscription.column(events)
                + " (changed by "
                + by
                + ")");
    return store.target(targetId).orElseThrow();
  }

  public void remove(long env, long targetId, String by) {
    if (!store.deleteTarget(env, targetId)) {
      throw new NotFoundException("Notification target " + targetId + " does not exist");
    }
    LOG.info(
        () -> "Notification target " + targetId + " of environment " + env + " removed by " + by);
  }

  /** Queues a test message to every target; returns how many. */
  public int sendTest(long env, String by) {
    Environment environment = provisioning.environment(env);
    if (store.targets(env).isEmpty()) {
      throw new RejectedValueException(
          null, "This environment has no notification target yet: add a webhook or e-mail first.");
    }
    return publish(environment, AlertMessage.Kind.TEST, null, null, null);
  }

  /** A period failed for good or landed: alert, and after a failure the landing is a recovery. */
  public void onOutcome(@Observes PeriodOutcome outcome) {
    try {
      long env = outcome.environmentId();
      if (!outcome.landed()) {
        alertState.markFailing(env, outcome.destination());
        publish(
            provisioning.environment(env),
            AlertMessage.Kind.PERIOD_FAILED,
            outcome.period(),
            outcome.error() == null ? "The export did not complete." : outcome.error(),
            outcome.destination());
      } else if (alertState.clearFailing(env, outcome.destination())) {
        publish(
            provisioning.environment(env),
            AlertMessage.Kind.RECOVERED,
            outcome.period(),
            null,
            outcome.destination());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not queue alerts of environment " + outcome.environmentId(), e);
    }
  }

  /** Automatic export paused itself. */
  public void onPaused(@Observes AutomaticExportPaused event) {
    try {
      publish(
          provisioning.environment(event.environmentId()),
          AlertMessage.Kind.AUTO_PAUSED,
          event.period(),
          event.reason() + (event.error() == null ? "" : " Last error: " + event.error()),
          event.destination());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not queue alerts of environment " + event.environmentId(), e);
    }
  }

  private int publish(
      Environment environment,
      AlertMessage.Kind kind,
      LocalDate period,
      String error,
      String destination) {
    long env = environment.getId();
    // Only the targets subscribed to this event (every target receives the test).
    List<NotificationTarget> targets =
        store.targets(env).stream().filter(t -> t.receives(kind)).toList();
    if (targets.isEmpty()) {
      return 0;
    }
    AlertMessage message =
        new AlertMessage(
            kind,
            env,
            environment.getName(),
            environment.getOrganization().getName(),
            period == null ? null : period.toString(),
            error == null || error.length() <= 1500 ? error : error.substring(0, 1499) + "…",
            AlertSettings.environmentPage(env),
            destination);
    String payload = payload(message);
    int queued = 0;
    for (NotificationTarget target : targets) {
      if (target.kind() == NotificationTarget.Kind.EMAIL && !AlertSettings.mailConfigured()) {
        continue; // no mail while SMTP is unset
      }
      store.enqueue(target.id(), env, kind.id(), payload);
      queued++;
    }
    int count = queued;
    LOG.info(
        () ->
            "Alert "
                + kind.id()
                + " of environment "
                + env
                + " queued for "
                + count
                + " target(s)");
    return queued;
  }

  /** The JSON body of a webhook (e-mails use its subject and text). */
  static String payload(AlertMessage m) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", UUID.randomUUID().toString())
            .add("event", m.kind().id())
            .add("occurredAt", Instant.now().toString())
            .add(
                "environment",
                Json.createObjectBuilder()
                    .add("id", m.environmentId())
                    .add("name", m.environmentName()))
            .add("organization", m.organizationName());
    if (m.period() == null) {
      b.addNull("period");
    } else {
      b.add("period", m.period());
    }
    if (m.error() == null) {
      b.addNull("error");
    } else {
      b.add("error", m.error());
    }
    if (m.destination() == null) {
      b.addNull("destination");
    } else {
      b.add("destination", m.destination());
    }
    return b.add("consoleUrl", m.consoleUrl())
        .add("subject", m.subject())
        .add("text", m.text())
        .build()
        .toString();
  }

  /** The associated data binding a webhook secret to its target. */
  static String aad(long targetId) {
    return "notification-target:" + targetId + ":secret";
  }

  private void requireRoom(long env) {
    if (store.targets(env).size() >= MAX_TARGETS) {
      throw new RejectedValueException(
          null, "At most " + MAX_TARGETS + " notification targets per environment");
    }
  }
}
