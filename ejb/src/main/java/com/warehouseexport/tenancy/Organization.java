package com.warehouseexport.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A customer organization. Its plan gates manual and automatic export. */
@Entity
@Table(name = "organization")
public class Organization {

  @Id
  @SequenceGenerator(name = "entity_seq", sequenceName = "entity_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "entity_seq")
  private Long id;

  @Column(nullable = false, length = 200)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private Plan plan;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  protected Organization() {}

  public Organization(String name, Plan plan, Instant createdAt) {
    this.name = name;
    this.plan = plan;
    this.createdAt = createdAt.toEpochMilli();
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public Plan getPlan() {
    return plan;
  }

  public void changePlan(Plan plan) {
    this.plan = plan;
  }

  public Instant getCreatedAt() {
    return Instant.ofEpochMilli(createdAt);
  }
}
