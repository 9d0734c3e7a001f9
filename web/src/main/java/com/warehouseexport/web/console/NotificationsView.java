package com.warehouseexport.web.console;

import com.warehouseexport.alerts.Delivery;
import com.warehouseexport.alerts.NotificationService;
import com.warehouseexport.alerts.NotificationTarget;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.errors.RejectedValueException;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.util.List;

/**
 * Settings → Environment → Alerts: the notification targets (webhooks and e-mail), adding and
 * removing them, "Send test notification", and the latest deliveries. A webhook's signing secret is
 * shown once, right after it was added, and then only kept for this view (never re-read).
 */
@Named
@ViewScoped
public class NotificationsView extends EnvironmentView {

  private static final long serialVersionUID = 1L;

  /** One target as the table shows it. */
  public record Row(long id, String type, String destination, String created) {}

  /** One delivery as the table shows it. */
  public record DeliveryRow(
      String event, long targetId, String state, int attempts, String created, String lastError) {}

  @EJB private NotificationService notifications;

  private String url;
  private String addresses;
  private String secret;

  /** Adds a webhook; its secret is shown once. */
  public void addWebhook() {
    if (!recheck()) {
      return;
    }
    secret = null;
    try {
      NotificationService.CreatedWebhook created =
          notifications.addWebhook(getEnvironmentId(), url, pages.caller().username());
      secret = created.secret();
      url = null;
      ConsolePages.info("Webhook added. Copy its signing secret now: it is not shown again.");
    } catch (RejectedValueException | InvalidInputException e) {
      ConsolePages.error(e.getMessage());
    }
  }

  public void addEmail() {
    if (!recheck()) {
      return;
    }
    secret = null;
    try {
      notifications.addEmail(getEnvironmentId(), addresses, pages.caller().username());
      addresses = null;
      ConsolePages.info("E-mail addresses added.");
    } catch (RejectedValueException | InvalidInputException e) {
      ConsolePages.error(e.getMessage());
    }
  }

  public void remove(long targetId) {
    if (!recheck()) {
      return;
    }
    secret = null;
    try {
      notifications.remove(getEnvironmentId(), targetId, pages.caller().username());
      ConsolePages.info("Notification target removed.");
    } catch (NotFoundException e) {
      ConsolePages.error("That notification target no longer exists.");
    }
  }

  public void sendTest() {
    if (!recheck()) {
      return;
    }
    secret = null;
    try {
      int queued = notifications.sendTest(getEnvironmentId(), pages.caller().username());
      ConsolePages.info(
          "Test notification queued for "
              + queued
              + (queued == 1 ? " target" : " targets")
              + "; the deliveries below show when it arrived.");
    } catch (RejectedValueException e) {
      ConsolePages.error(e.getMessage());
    }
  }

  public List<Row> getRows() {
    if (!isLoaded()) {
      return List.of();
    }
    return notifications.targets(getEnvironmentId()).stream()
        .map(
            t ->
                new Row(
                    t.id(),
                    t.kind() == NotificationTarget.Kind.WEBHOOK ? "Webhook" : "E-mail",
                    t.kind() == NotificationTarget.Kind.WEBHOOK
                        ? t.url()
                        : String.join(", ", t.addresses()),
                    Formats.instant(t.createdAt())
                        + (t.createdBy() == null ? "" : " by " + t.createdBy())))
        .toList();
  }

  public List<DeliveryRow> getDeliveries() {
    if (!isLoaded()) {
      return List.of();
    }
    return notifications.deliveries(getEnvironmentId(), 20).stream()
        .map(NotificationsView::row)
        .toList();
  }

  private static DeliveryRow row(Delivery d) {
    return new DeliveryRow(
        d.event(),
        d.targetId(),
        d.state(),
        d.attempts(),
        Formats.instant(d.createdAt()),
        d.lastError() == null ? "" : d.lastError());
  }

  public boolean isEmailAvailable() {
    return notifications.mailConfigured();
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getAddresses() {
    return addresses;
  }

  public void setAddresses(String addresses) {
    this.addresses = addresses;
  }

  /** The new webhook's secret, right after it was added; else null. */
  public String getSecret() {
    return secret;
  }
}
