package com.warehouseexport.web.console;

import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Settings → Environment → Ingestion key: the current key (its hint only), the key replaced by the
 * last rotation and until when it still works, and Rotate (with a confirmation step). The new key
 * is shown once, on the answer to the rotation; nothing on the page can show it again.
 */
@Named
@ViewScoped
public class IngestionKeyView extends EnvironmentView {

  private static final long serialVersionUID = 1L;

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @EJB private ProvisioningService provisioning;

  private String currentHint;
  private String currentCreated;
  private String previousHint;
  private String previousState;
  private boolean previousWorking;
  private boolean confirming;
  private transient String newKey;
  private transient FacesContext newKeyShownIn;

  @Override
  protected void loaded() {
    read();
  }

  private void read() {
    Environment e = provisioning.environment(getEnvironmentId());
    currentHint = e.getIngestionKeyHint();
    currentCreated = SHOWN.format(e.getIngestionKeyCreatedAt());
    previousHint = e.getPreviousKeyHint();
    Instant until = e.getPreviousKeyExpiresAt();
    previousWorking = until != null && until.isAfter(Instant.now());
    previousState =
        until == null
            ? null
            : previousWorking
                ? "still accepted until " + SHOWN.format(until)
                : "refused since " + SHOWN.format(until);
  }

  /** First click: ask for confirmation. */
  public void askToRotate() {
    if (recheck()) {
      confirming = true;
    }
  }

  public void cancel() {
    confirming = false;
  }

  /** Second click: rotate, and show the new key this once. */
  public void rotate() {
    if (!recheck()) {
      return;
    }
    confirming = false;
    ProvisioningService.RotatedKey rotated = provisioning.rotateIngestionKey(getEnvironmentId());
    newKey = rotated.ingestionKey();
    newKeyShownIn = FacesContext.getCurrentInstance();
    read();
    ConsolePages.info(
        "New ingestion key created. Copy it now: it is shown only this once. The previous key keeps"
            + " working until "
            + SHOWN.format(rotated.previousWorksUntil())
            + ", so update your senders before then.");
  }

  public String getCurrentHint() {
    return currentHint;
  }

  public String getCurrentCreated() {
    return currentCreated;
  }

  public String getPreviousHint() {
    return previousHint;
  }

  public String getPreviousState() {
    return previousState;
  }

  public boolean isPreviousWorking() {
    return previousWorking;
  }

  public boolean isConfirming() {
    return confirming;
  }

  /** The key just created, in the answer to the rotation only; null on every other request. */
  public String getNewKey() {
    if (newKeyShownIn != FacesContext.getCurrentInstance()) {
      newKey = null;
    }
    return newKey;
  }
}
