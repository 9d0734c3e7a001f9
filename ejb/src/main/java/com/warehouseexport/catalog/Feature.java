package com.warehouseexport.catalog;

import com.warehouseexport.tenancy.Environment;
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
 * A feature of an environment. An event whose name equals the feature key is a usage. Unknown keys
 * are auto-registered by ingestion (name = key) and can be renamed later.
 */
@Entity
@Table(name = "feature")
public class Feature {

  public static final int DEFAULT_ADOPTION_DAYS = 5;
  public static final int DEFAULT_ADOPTION_WINDOW_DAYS = 28;

  @Id
  @SequenceGenerator(name = "feature_seq", sequenceName = "feature_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "feature_seq")
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "environment_id")
  private Environment environment;

  @Column(name = "feature_key", nullable = false, length = 200)
  private String key;

  @Column(nullable = false, length = 500)
  private String name;

  @Column(name = "adoption_days", nullable = false)
  private int adoptionDays;

  @Column(name = "adoption_window_days", nullable = false)
  private int adoptionWindowDays;

  @Column(name = "auto_registered", nullable = false)
  private boolean autoRegistered;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  protected Feature() {}

  public Feature(
      Environment environment,
      String key,
      String name,
      int adoptionDays,
      int adoptionWindowDays,
      Instant at) {
    this.environment = environment;
    this.key = key;
    this.createdAt = at.toEpochMilli();
    update(name, adoptionDays, adoptionWindowDays);
  }

  public void update(String name, int adoptionDays, int adoptionWindowDays) {
    this.name = name;
    this.adoptionDays = adoptionDays;
    this.adoptionWindowDays = adoptionWindowDays;
    this.autoRegistered = false;
  }

  public Long getId() {
    return id;
  }

  public Environment getEnvironment() {
    return environment;
  }

  public String getKey() {
    return key;
  }

  public String getName() {
    return name;
  }

  public int getAdoptionDays() {
    return adoptionDays;
  }

  public int getAdoptionWindowDays() {
    return adoptionWindowDays;
  }

  public boolean isAutoRegistered() {
    return autoRegistered;
  }
}
