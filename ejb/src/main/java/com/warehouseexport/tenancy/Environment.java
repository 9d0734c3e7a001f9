package com.warehouseexport.tenancy;

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

/**
 * An environment ("Production", "Development") of an organization. All tracking data and export
 * settings are per environment. Only a SHA-256 hash of the ingestion key is stored; the key itself
 * is shown once, when the environment is created.
 */
@Entity
@Table(name = "environment")
public class Environment {

  @Id
  @SequenceGenerator(name = "entity_seq", sequenceName = "entity_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "entity_seq")
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "organization_id")
  private Organization organization;

  @Column(nullable = false, length = 200)
  private String name;

  @Column(name = "ingestion_key_hash", nullable = false, length = 64)
  private String ingestionKeyHash;

  @Column(name = "ingestion_key_hint", nullable = false, length = 16)
  private String ingestionKeyHint;

  @Column(name = "ingestion_key_created_at")
  private Long ingestionKeyCreatedAt;

  @Column(name = "previous_key_hash", length = 64)
  private String previousKeyHash;

  @Column(name = "previous_key_hint", length = 16)
  private String previousKeyHint;

  @Column(name = "previous_key_expires_at")
  private Long previousKeyExpiresAt;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  protected Environment() {}

  public Environment(
      Organization organization, String name, String ingestionKeyHash, String hint, Instant at) {
    this.organization = organization;
    this.name = name;
    this.ingestionKeyHash = ingestionKeyHash;
    this.ingestionKeyHint = hint;
    this.createdAt = at.toEpochMilli();
    this.ingestionKeyCreatedAt = createdAt;
  }

  public Long getId() {
    return id;
  }

  public Organization getOrganization() {
    return organization;
  }

  public String getName() {
    return name;
  }

  public void rename(String name) {
    this.name = name;
  }

  public String getIngestionKeyHint() {
    return ingestionKeyHint;
  }

  /** When the current ingestion key was created (environment creation or its last rotation). */
  public Instant getIngestionKeyCreatedAt() {
    return Instant.ofEpochMilli(ingestionKeyCreatedAt == null ? createdAt : ingestionKeyCreatedAt);
  }

  /**
   * Makes a new key current. The key it replaces keeps working until {@code previousWorksUntil}; a
   * key replaced by an earlier rotation stops working now (only one previous key is kept).
   */
  public void rotateIngestionKey(String hash, String hint, Instant at, Instant previousWorksUntil) {
    this.previousKeyHash = ingestionKeyHash;
    this.previousKeyHint = ingestionKeyHint;
    this.previousKeyExpiresAt = previousWorksUntil.toEpochMilli();
    this.ingestionKeyHash = hash;
    this.ingestionKeyHint = hint;
    this.ingestionKeyCreatedAt = at.toEpochMilli();
  }

  /** The hint of the key replaced by the last rotation, or null if there is none. */
  public String getPreviousKeyHint() {
    return previousKeyHint;
  }

  /** Until when the previous key works (it may be in the past), or null if there is none. */
  public Instant getPreviousKeyExpiresAt() {
    return previousKeyExpiresAt == null ? null : Instant.ofEpochMilli(previousKeyExpiresAt);
  }

  public Instant getCreatedAt() {
    return Instant.ofEpochMilli(createdAt);
  }
}
