package com.warehouseexport.catalog;

import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * An environment's catalog: its features (names and adoption thresholds) and segments (conditions
 * on company attributes), as operators provision them and the export reads them.
 */
@Stateless
public class CatalogService {

  @PersistenceContext(unitName = "warehouse")
  private EntityManager em;

  @EJB private ProvisioningService provisioning;

  @Inject private Event<FeatureThresholdsChanged> thresholdsChangedEvent;

  private final Clock clock = Clock.systemUTC();

  /** Creates or updates a feature; thresholds default to 5 usage days in 28. */
  public Feature putFeature(
      long environmentId,
      String key,
      String name,
      Integer adoptionDays,
      Integer adoptionWindowDays) {
    Environment environment = provisioning.environment(environmentId);
    if (key == null || key.isBlank() || key.length() > 200) {
      throw new InvalidInputException("key", "the feature key must be 1 to 200 characters");
    }
    requireClean("key", key);
    requireClean("name", name);
    int days = adoptionDays == null ? Feature.DEFAULT_ADOPTION_DAYS : adoptionDays;
    int window =
        adoptionWindowDays == null ? Feature.DEFAULT_ADOPTION_WINDOW_DAYS : adoptionWindowDays;
    if (window < 1 || window > 366) {
      throw new InvalidInputException(
          "adoptionWindowDays", "adoptionWindowDays must be between 1 and 366");
    }
    if (days < 1 || days > window) {
      throw new InvalidInputException(
          "adoptionDays", "adoptionDays must be between 1 and adoptionWindowDays (" + window + ")");
    }
    String featureName = name == null || name.isBlank() ? key : name;
    if (featureName.length() > 500) {
      throw new InvalidInputException("name", "name is longer than 500 characters");
    }
    Feature feature = feature(environmentId, key);
    if (feature == null) {
      feature = new Feature(environment, key, featureName, days, window, now());
      em.persist(feature);
    } else {
      boolean thresholdsChanged =
          feature.getAdoptionDays() != days || feature.getAdoptionWindowDays() != window;
      feature.update(featureName, days, window);
      if (thresholdsChanged) {
        thresholdsChangedEvent.fire(new FeatureThresholdsChanged(environmentId));
      }
    }
    em.flush();
    return feature;
  }

  private static void requireClean(String field, String text) {
    String problem = com.warehouseexport.core.input.TextRules.problem(field, text, false);
    if (problem != null) {
      throw new InvalidInputException(field, problem);
    }
  }

  public Feature feature(long environmentId, String key) {
    return em
        .createQuery(
            "SELECT f FROM Feature f WHERE f.environment.id = :env AND f.key = :key", Feature.class)
        .setParameter("env", environmentId)
        .setParameter("key", key)
        .getResultList()
        .stream()
        .findFirst()
        .orElse(null);
  }

  public List<Feature> features(long environmentId) {
    return em.createQuery(
            "SELECT f FROM Feature f WHERE f.environment.id = :env ORDER BY f.key", Feature.class)
        .setParameter("env", environmentId)
        .getResultList();
  }

  /** Creates or replaces a segment; the conditions are validated before anything is stored. */
  public Segment putSegment(long environmentId, String segmentKey, String name, JsonArray conds) {
    Environment environment = provisioning.environment(environmentId);
    if (segmentKey == null || segmentKey.isBlank() || segmentKey.length() > 200) {
      throw new InvalidInputException("segmentId", "the segment id must be 1 to 200 characters");
    }
    if (segmentKey.contains(",")) {
      throw new InvalidInputException("segmentId", "segment ids may not contain commas");
    }
    requireClean("segmentId", segmentKey);
    String conditionsJson = SegmentJson.validate(segmentKey, name, conds);
    Segment segment =
        em
            .createQuery(
                "SELECT s FROM Segment s WHERE s.environment.id = :env AND s.key = :key",
                Segment.class)
            .setParameter("env", environmentId)
            .setParameter("key", segmentKey)
            .getResultList()
            .stream()
            .findFirst()
            .orElse(null);
    if (segment == null) {
      segment = new Segment(environment, segmentKey);
      segment.update(name, conditionsJson, now());
      em.persist(segment);
    } else {
      segment.update(name, conditionsJson, now());
    }
    em.flush();
    return segment;
  }

  public List<Segment> segments(long environmentId) {
    return em.createQuery(
            "SELECT s FROM Segment s WHERE s.environment.id = :env ORDER BY s.key", Segment.class)
        .setParameter("env", environmentId)
        .getResultList();
  }

  private Instant now() {
    return clock.instant();
  }
}
