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

  public void replaceIngestionKey(String hash, String hint) {
    this.ingestionKeyHash = hash;
    this.ingestionKeyHint = hint;
  }

  public Instant getCreatedAt() {
    return Instant.ofEpochMilli(createdAt);
  }
}
