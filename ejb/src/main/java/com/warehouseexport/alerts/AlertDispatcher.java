package com.warehouseexport.alerts;

import com.warehouseexport.core.alerts.DeliveryBackoff;
import com.warehouseexport.core.net.HostResolver;
import com.warehouseexport.export.s3.S3ClientFactory;
import com.warehouseexport.export.settings.MasterKeys;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Drains the alert outbox: every node runs a non-persistent interval timer ({@code
 * ALERT_DELIVERY_INTERVAL}); each due delivery is taken by one node (compare-and-set), sent, and
 * then marked delivered or scheduled again with backoff ({@link AlertSettings#backoff()}) until it
 * is given up. A delivery survives restarts (it is a table row). Logs name deliveries and targets
 * by id, never a URL, secret or password.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertDispatcher {

  private static final Logger LOG = Logger.getLogger(AlertDispatcher.class.getName());

  /** How long a taken delivery is kept from other nodes while it is being sent. */
  private static final Duration LEASE = Duration.ofMinutes(2);

  @Resource private TimerService timers;
  @EJB private AlertStore store;
  @EJB private MasterKeys masterKeys;

  @Resource(lookup = AlertSettings.MAIL_SESSION)
  private Session mail;

  private final AtomicBoolean draining = new AtomicBoolean();

  /** When this node last purged the outbox (0: not yet since the deployment started). */
  private volatile long lastPurge;

  @PostConstruct
  void startTimer() {
    long interval = Math.max(500L, AlertSettings.deliveryInterval().toMillis());
    timers.createIntervalTimer(interval, interval, new TimerConfig("alert-delivery", false));
  }

  @Timeout
  void onTimer(Timer timer) {
    drain();
  }

  /** Attempts every due delivery once; returns how many were attempted by this node. */
  public int drain() {
    if (!draining.compareAndSet(false, true)) {
      return 0;
    }
    int attempted = 0;
    try {
      purgeIfDue();
      for (Delivery d : store.due(Instant.now(), 50)) {
        if (store.take(d, Instant.now().plus(LEASE))) {
          attempt(d);
          attempted++;
        }
      }
    } catch (RuntimeException e) {
      LOG.warning("Alert delivery pass failed; the next pass tries again: " + e.getMessage());
    } finally {
      draining.set(false);
    }
    return attempted;
  }

  /** At most once per {@code ALERT_PURGE_INTERVAL}: drops finished deliveries past retention. */
  private void purgeIfDue() {
    long now = System.currentTimeMillis();
    if (now - lastPurge < AlertSettings.purgeInterval().toMillis()) {
      return;
    }
    lastPurge = now;
    try {
      int purged = store.purgeFinished(Instant.ofEpochMilli(now).minus(AlertSettings.retention()));
      if (purged > 0) {
        LOG.info("Purged " + purged + " finished alert deliveries older than the retention");
      }
    } catch (RuntimeException e) {
      LOG.warning("Purging the alert outbox failed; the next purge tries again: " + e.getMessage());
    }
  }

  private void attempt(Delivery d) {
    int attempt = d.attempts() + 1;
    try {
      deliver(d);
      store.delivered(d.id());
      LOG.info(
          () ->
              "Alert delivery "
                  + d.id()
                  + " ("
                  + d.event()
                  + ", target "
                  + d.targetId()
                  + ", environment "
                  + d.environmentId()
                  + ") delivered at attempt "
                  + attempt);
    } catch (DeliveryException | IllegalStateException e) {
      DeliveryBackoff backoff = AlertSettings.backoff();
      Optional<Instant> next = backoff.next(attempt, Instant.now());
      if (next.isPresent()) {
        store.retryAt(d.id(), next.get(), e.getMessage());
        LOG.warning(
            "Alert delivery "
                + d.id()
                + " to target "
                + d.targetId()
                + " failed (attempt "
                + attempt
                + "): "
                + e.getMessage()
                + "; next attempt at "
                + next.get());
      } else {
        store.givenUp(d.id(), e.getMessage());
        LOG.warning(
            "Alert delivery "
                + d.id()
                + " to target "
                + d.targetId()
                + " given up after "
                + attempt
                + " attempts: "
                + e.getMessage());
      }
    }
  }

  private void deliver(Delivery d) {
    NotificationTarget target =
        store
            .target(d.targetId())
            .orElseThrow(() -> new DeliveryException("The target was removed"));
    byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
    switch (target.kind()) {
      case WEBHOOK -> {
        String secret =
            masterKeys
                .cipher()
                .decrypt(
                    store
                        .secretOf(target.id())
                        .orElseThrow(() -> new DeliveryException("The target was removed")),
                    NotificationService.aad(target.id()));
        new WebhookSender(S3ClientFactory.fromServerConfiguration(), HostResolver.system())
            .send(URI.create(target.url()), secret, d.event(), d.id(), body);
      }
      case EMAIL -> sendMail(target, d);
    }
  }

  private void sendMail(NotificationTarget target, Delivery d) {
    if (!AlertSettings.mailConfigured()) {
      throw new DeliveryException("SMTP is not configured on this server (SMTP_HOST)");
    }
    JsonObject payload;
    try (JsonReader reader = Json.createReader(new StringReader(d.payload()))) {
      payload = reader.readObject();
    }
    SmtpSecurity.Settings smtp = SmtpSecurity.Settings.fromServer();
    Session session = SmtpSecurity.session(mail, smtp);
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom();
      message.setRecipients(
          Message.RecipientType.TO,
          InternetAddress.parse(String.join(",", target.addresses()), true));
      message.setSubject(payload.getString("subject"), "UTF-8");
      message.setText(payload.getString("text"), "UTF-8");
      message.setHeader("X-Warehouse-Event", d.event());
      message.saveChanges();
      try (Transport transport = session.getTransport("smtp")) {
        SmtpSecurity.connect(transport, smtp);
        transport.sendMessage(message, message.getAllRecipients());
      }
    } catch (MessagingException e) {
      throw new DeliveryException(SmtpSecurity.explain(e, smtp));
    }
  }
}
