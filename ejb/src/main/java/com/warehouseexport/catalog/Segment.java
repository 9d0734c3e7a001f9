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
 * A named company-attribute filter. The conditions are stored as the JSON array the API received
 * (validated on the way in); membership is evaluated on the company's current attributes.
 */
@Entity
@Table(name = "segment")
public class Segment {

  @Id
  @SequenceGenerator(name = "entity_seq", sequenceName = "entity_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "entity_seq")
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "environment_id")
  private Environment environment;

  @Column(name = "segment_key", nullable = false, length = 200)
  private String key;

  @Column(nullable = false, length = 200)
  private String name;

  @Column(name = "conditions_json", nullable = false, length = 20000)
  private String conditionsJson;

  @Column(name = "updated_at", nullable = false)
  private long updatedAt;

  protected Segment() {}

  public Segment(Environment environment, String key) {
    this.environment = environment;
    this.key = key;
  }

  public void update(String name, String conditionsJson, Instant at) {
    this.name = name;
    this.conditionsJson = conditionsJson;
    this.updatedAt = at.toEpochMilli();
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

  public String getConditionsJson() {
    return conditionsJson;
  }
}
