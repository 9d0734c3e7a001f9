package com.warehouseexport.web.console;

import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.security.tokens.ApiTokenService;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Your account → API tokens: the signed-in person's personal API tokens; create one (its secret is
 * shown once, on the answer to the create), revoke one.
 */
@Named
@ViewScoped
public class TokensView implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** A token as the table shows it. */
  public record Row(long id, String name, String hint, String created, String expires) {}

  @Inject private ConsolePages pages;
  @EJB private ApiTokenService tokens;

  private String name;
  private LocalDate expiresOn;
  private String secret;
  private Long confirmingRevoke;
  private transient List<Row> rows;

  public List<Row> getRows() {
    if (rows == null) {
      Instant now = Instant.now();
      rows =
          tokens.list(pages.caller().username(), now).stream()
              .map(
                  t ->
                      new Row(
                          t.id(),
                          t.name(),
                          t.hint(),
                          SHOWN.format(t.createdAt()),
                          t.expiresAt() == null
                              ? "never"
                              : (t.expired() ? "expired " : "") + expiry(t.expiresAt())))
              .toList();
    }
    return rows;
  }

  /**
   * The expiry as it was entered: a token made to expire "on 2027-01-31" stops working at the end
   * of that day (2027-02-01 00:00 UTC) and is listed as 2027-01-31; an expiry set through the API
   * at another time of day is listed with its time.
   */
  static String expiry(Instant expiresAt) {
    if (expiresAt.atZone(ZoneOffset.UTC).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
      return expiresAt.minusSeconds(1).atZone(ZoneOffset.UTC).toLocalDate().toString()
          + " (end of day, UTC)";
    }
    return SHOWN.format(expiresAt);
  }

  public void create() {
    secret = null;
    confirmingRevoke = null;
    if (expiresOn != null && expiresOn.getYear() > 9999) {
      // bounds first: LocalDate.MAX.plusDays(1) would throw
      ConsolePages.error("The expiry is later than tokens may live on this server");
      return;
    }
    Instant expiresAt =
        expiresOn == null ? null : expiresOn.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    try {
      secret = tokens.create(pages.caller().username(), name, expiresAt, Instant.now()).secret();
      name = null;
      expiresOn = null;
      rows = null;
      ConsolePages.info("Token created. Copy it now: it is shown only this once.");
    } catch (InvalidInputException e) {
      ConsolePages.error(e.getMessage());
    }
  }

  /** Revoke, first step: asks for a confirmation in the token's row. */
  public void askToRevoke(long id) {
    secret = null;
    confirmingRevoke = id;
  }

  public void cancelRevoke() {
    confirmingRevoke = null;
  }

  public boolean confirmingRevoke(long id) {
    return confirmingRevoke != null && confirmingRevoke == id;
  }

  public void revoke(long id) {
    secret = null;
    confirmingRevoke = null;
    try {
      tokens.revoke(pages.caller().username(), id);
      ConsolePages.info("Token revoked: scripts using it are refused from now on.");
    } catch (NotFoundException e) {
      ConsolePages.error("That token no longer exists.");
    }
    rows = null;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public LocalDate getExpiresOn() {
    return expiresOn;
  }

  public void setExpiresOn(LocalDate expiresOn) {
    this.expiresOn = expiresOn;
  }

  /** The secret of the token just created; null on every other request. */
  public String getSecret() {
    return secret;
  }
}
