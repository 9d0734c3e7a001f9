package com.warehouseexport.security.tokens;

import com.warehouseexport.security.Account;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A personal API token of an account: its name, the hash of its secret, its optional expiry. */
@Entity
@Table(name = "api_token")
public class ApiToken {

  @Id
  @SequenceGenerator(name = "entity_seq", sequenceName = "entity_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "entity_seq")
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "account_id", nullable = false)
  private Account account;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(name = "token_hash", nullable = false, unique = true, length = 64)
  private String tokenHash;

  @Column(nullable = false, length = 8)
  private String hint;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "expires_at")
  private Long expiresAt;

  protected ApiToken() {}

  public ApiToken(
      Account account,
      String name,
      String tokenHash,
      String hint,
      Instant createdAt,
      Instant expiresAt) {
    this.account = account;
    this.name = name;
    this.tokenHash = tokenHash;
    this.hint = hint;
    this.createdAt = createdAt.toEpochMilli();
    this.expiresAt = expiresAt == null ? null : expiresAt.toEpochMilli();
  }

  public Long getId() {
    return id;
  }

  public Account getAccount() {
    return account;
  }

  public String getName() {
    return name;
  }

  public String getHint() {
    return hint;
  }

  public Instant getCreatedAt() {
    return Instant.ofEpochMilli(createdAt);
  }

  /** As stored; null for a token stored without an expiry by an earlier version. */
  public Instant getExpiresAt() {
    return expiresAt == null ? null : Instant.ofEpochMilli(expiresAt);
  }

  /** When the token stops working: its expiry, at most its creation plus {@code maxLifetime}. */
  public Instant expiry(java.time.Duration maxLifetime) {
    Instant latest = getCreatedAt().plus(maxLifetime);
    Instant stored = getExpiresAt();
    return stored == null || stored.isAfter(latest) ? latest : stored;
  }

  public boolean isExpired(Instant now, java.time.Duration maxLifetime) {
    return !now.isBefore(expiry(maxLifetime));
  }
}
