package com.warehouseexport.web.console;

import com.warehouseexport.alerts.Delivery;
import com.warehouseexport.alerts.NotificationService;
import com.warehouseexport.alerts.NotificationTarget;
import com.warehouseexport.core.alerts.AlertMessage;
import com.warehouseexport.core.alerts.AlertSubscription;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.errors.RejectedValueException;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  public record Row(long id, String type, String destination, String created, String events) {}

  /** One delivery as the table shows it: its target by URL or addresses, not by id. */
  public record DeliveryRow(
      String event, String target, String state, int attempts, String created, String lastError) {}

  @EJB private NotificationService notifications;

  private String url;
  private String addresses;
  private String secret;
  private Long confirmingRemove;
  private Long editingEvents;
  // The events of a new target (both add forms) and of the target being changed.
  private boolean newFailed = true;
  private boolean newPaused = true;
  private boolean newRecovered = true;
  private boolean editFailed;
  private boolean editPaused;
  private boolean editRecovered;

  /** The events ticked as a set; null when none is (the caller reports it). */
  static Set<AlertMessage.Kind> events(boolean failed, boolean paused, boolean recovered) {
    Set<AlertMessage.Kind> events = EnumSet.noneOf(AlertMessage.Kind.class);
    if (failed) {
      events.add(AlertMessage.Kind.PERIOD_FAILED);
    }
    if (paused) {
      events.add(AlertMessage.Kind.AUTO_PAUSED);
    }
    if (recovered) {
      events.add(AlertMessage.Kind.RECOVERED);
    }
    return events.isEmpty() ? null : events;
  }

  private static final String NO_EVENT =
      "Choose at least one event to send (a target that should receive nothing can be removed).";

  /** Adds a webhook; its secret is shown once. */
  public void addWebhook() {
    if (!recheck()) {
      return;
    }
    secret = null;
    Set<AlertMessage.Kind> events = events(newFailed, newPaused, newRecovered);
    if (events == null) {
      ConsolePages.error(NO_EVENT);
      return;
    }
    try {
      NotificationService.CreatedWebhook created =
          notifications.addWebhook(getEnvironmentId(), url, events, pages.caller().username());
      secret = created.secret();
      url = null;
      ConsolePages.info("Webhook added. Copy its signing secret now: it is not shown again.");
    } catch (RejectedValueException | InvalidInputException e) {
      ConsolePages.error(customerError(e.getMessage()));
    }
  }

  public void addEmail() {
    if (!recheck()) {
      return;
    }
    secret = null;
    Set<AlertMessage.Kind> events = events(newFailed, newPaused, newRecovered);
    if (events == null) {
      ConsolePages.error(NO_EVENT);
      return;
    }
    try {
      notifications.addEmail(getEnvironmentId(), addresses, events, pages.caller().username());
      addresses = null;
      ConsolePages.info("E-mail addresses added.");
    } catch (RejectedValueException | InvalidInputException e) {
      ConsolePages.error(customerError(e.getMessage()));
    }
  }

  /** "Change events…": the target's row shows its events as check boxes. */
  public void editEvents(long targetId) {
    secret = null;
    confirmingRemove = null;
    notifications.targets(getEnvironmentId()).stream()
        .filter(t -> t.id() == targetId)
        .findFirst()
        .ifPresent(
            t -> {
              editingEvents = targetId;
              editFailed = t.events().contains(AlertMessage.Kind.PERIOD_FAILED);
              editPaused = t.events().contains(AlertMessage.Kind.AUTO_PAUSED);
              editRecovered = t.events().contains(AlertMessage.Kind.RECOVERED);
            });
  }

  public boolean editingEvents(long targetId) {
    return editingEvents != null && editingEvents == targetId;
  }

  public void cancelEvents() {
    editingEvents = null;
  }

  public void saveEvents(long targetId) {
    if (!recheck()) {
      return;
    }
    Set<AlertMessage.Kind> events = events(editFailed, editPaused, editRecovered);
    if (events == null) {
      ConsolePages.error(NO_EVENT);
      return;
    }
    try {
      NotificationTarget t =
          notifications.subscribe(getEnvironmentId(), targetId, events, pages.caller().username());
      editingEvents = null;
      ConsolePages.info(
          t.label() + " now receives: " + AlertSubscription.describe(t.events()) + ".");
    } catch (NotFoundException e) {
      editingEvents = null;
      ConsolePages.error("That notification target no longer exists.");
    }
  }

  /** Remove, first step: asks for a confirmation in the target's row. */
  public void askToRemove(long targetId) {
    secret = null;
    confirmingRemove = targetId;
  }

  public void cancelRemove() {
    confirmingRemove = null;
  }

  /** Whether the target's row asks "Remove …?". */
  public boolean confirmingRemove(long targetId) {
    return confirmingRemove != null && confirmingRemove == targetId;
  }

  public void remove(long targetId) {
    confirmingRemove = null;
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
      ConsolePages.error(customerError(e.getMessage()));
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
                        + (t.createdBy() == null ? "" : " by " + t.createdBy()),
                    AlertSubscription.describe(t.events())))
        .toList();
  }

  public List<DeliveryRow> getDeliveries() {
    if (!isLoaded()) {
      return List.of();
    }
    Map<Long, String> targets = new HashMap<>();
    getRows().forEach(r -> targets.put(r.id(), r.destination()));
    return notifications.deliveries(getEnvironmentId(), 20).stream()
        .map(d -> row(d, targets.getOrDefault(d.targetId(), "A removed target")))
        .toList();
  }

  /** A delivery is still being tried: the list refreshes itself meanwhile. */
  public boolean isSending() {
    return getDeliveries().stream().anyMatch(d -> "pending".equals(d.state()));
  }

  /** A sentence for the live region: how many deliveries are pending. */
  public String getDeliverySummary() {
    long pending = getDeliveries().stream().filter(d -> "pending".equals(d.state())).count();
    return pending == 0
        ? "No alert is waiting to be delivered."
        : pending + (pending == 1 ? " alert is" : " alerts are") + " being delivered.";
  }

  /** The live refresh: the deliveries are read afresh when the list renders. */
  public void refresh() {
    recheck();
  }

  private static DeliveryRow row(Delivery d, String target) {
    return new DeliveryRow(
        eventLabel(d.event()),
        target,
        d.state(),
        d.attempts(),
        Formats.instant(d.createdAt()),
        customerError(d.lastError()));
  }

  /** An event name (e.g. {@code period.failed}) in an admin's words. */
  static String eventLabel(String event) {
    try {
      return AlertSubscription.label(AlertMessage.Kind.fromId(event));
    } catch (IllegalArgumentException e) {
      return event;
    }
  }

  private static final Pattern RECEIVER = Pattern.compile("Could not reach the receiver: (\\w+)");
  private static final Pattern PACKAGE = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z]\\w*)");
  private static final Pattern JAVA_CLASS =
      Pattern.compile("\\b[A-Z]\\w*(?:Exception|Error)\\b:?\\s*");
  private static final Pattern VARIABLE =
      Pattern.compile("\\s*\\(?\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b\\)?");

  /**
   * An error in words a customer understands: no Java class names ({@code
   * HttpHostConnectException}) and no server setting names ({@code SMTP_HOST}) — those are for the
   * operator's log.
   */
  static String customerError(String error) {
    if (error == null || error.isBlank()) {
      return "";
    }
    if (error.contains("SMTP") && error.contains("not configured")) {
      return "E-mail could not be sent: outgoing mail is not set up on this server yet."
          + " Ask your operator to set it up, or use a webhook.";
    }
    Matcher receiver = RECEIVER.matcher(error);
    if (receiver.find()) {
      String kind = receiver.group(1);
      if (kind.contains("UnknownHost")) {
        return "Could not reach the receiver: its host name was not found.";
      }
      if (kind.contains("Timeout")) {
        return "Could not reach the receiver: it did not answer in time.";
      }
      if (kind.contains("SSL") || kind.contains("Certificate")) {
        return "Could not reach the receiver: the secure (TLS) connection failed;"
            + " check its certificate.";
      }
      if (kind.contains("Connect") || kind.contains("NoRouteToHost")) {
        return "Could not reach the receiver: the connection was refused"
            + " (nothing is listening at that address and port).";
      }
      return "Could not reach the receiver.";
    }
    String words = PACKAGE.matcher(error).replaceAll("$1");
    words = JAVA_CLASS.matcher(words).replaceAll("");
    words = VARIABLE.matcher(words).replaceAll("");
    return words.strip();
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

  public boolean isNewFailed() {
    return newFailed;
  }

  public void setNewFailed(boolean v) {
    newFailed = v;
  }

  public boolean isNewPaused() {
    return newPaused;
  }

  public void setNewPaused(boolean v) {
    newPaused = v;
  }

  public boolean isNewRecovered() {
    return newRecovered;
  }

  public void setNewRecovered(boolean v) {
    newRecovered = v;
  }

  public boolean isEditFailed() {
    return editFailed;
  }

  public void setEditFailed(boolean v) {
    editFailed = v;
  }

  public boolean isEditPaused() {
    return editPaused;
  }

  public void setEditPaused(boolean v) {
    editPaused = v;
  }

  public boolean isEditRecovered() {
    return editRecovered;
  }

  public void setEditRecovered(boolean v) {
    editRecovered = v;
  }
}
