package com.warehouseexport.tenancy;

import com.warehouseexport.tracking.Feature;
import com.warehouseexport.tracking.InvalidInputException;
import com.warehouseexport.tracking.Segment;
import com.warehouseexport.tracking.SegmentJson;
import jakarta.ejb.Stateless;
import jakarta.json.JsonArray;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Operators' provisioning: organizations and plans, environments, features and segments. */
@Stateless
public class ProvisioningService {

  /** A new environment and its ingestion key, which is shown only this once. */
  public record CreatedEnvironment(long id, String name, String ingestionKey) {}

  @PersistenceContext(unitName = "warehouse")
  private EntityManager em;

  private final Clock clock = Clock.systemUTC();

  public Organization createOrganization(String name, Plan plan) {
    Organization organization = new Organization(requireName("name", name), plan, now());
    em.persist(organization);
    em.flush();
    return organization;
  }

  public Organization changePlan(long organizationId, Plan plan) {
    Organization organization = organization(organizationId);
    organization.changePlan(plan);
    return organization;
  }

  public Organization organization(long id) {
    Organization organization = em.find(Organization.class, id);
    if (organization == null) {
      throw new NotFoundException("Organization " + id + " does not exist");
    }
    return organization;
  }

  public List<Organization> organizations() {
    return em.createQuery("SELECT o FROM Organization o ORDER BY o.name", Organization.class)
        .getResultList();
  }

  public CreatedEnvironment createEnvironment(long organizationId, String name) {
    Organization organization = organization(organizationId);
    String key = IngestionKeys.generate();
    Environment environment =
        new Environment(
            organization,
            requireName("name", name),
            IngestionKeys.hash(key),
            IngestionKeys.hint(key),
            now());
    em.persist(environment);
    em.flush();
    return new CreatedEnvironment(environment.getId(), environment.getName(), key);
  }

  public Environment environment(long id) {
    Environment environment = em.find(Environment.class, id);
    if (environment == null) {
      throw new NotFoundException("Environment " + id + " does not exist");
    }
    return environment;
  }

  public List<Environment> environments(Long organizationId) {
    if (organizationId == null) {
      return em.createQuery(
              "SELECT e FROM Environment e ORDER BY e.organization.name, e.name, e.id",
              Environment.class)
          .getResultList();
    }
    return em.createQuery(
            "SELECT e FROM Environment e WHERE e.organization.id = :org ORDER BY e.name, e.id",
            Environment.class)
        .setParameter("org", organizationId)
        .getResultList();
  }

  /** Creates or updates a feature; thresholds default to 5 usage days in 28. */
  public Feature putFeature(
      long environmentId,
      String key,
      String name,
      Integer adoptionDays,
      Integer adoptionWindowDays) {
    Environment environment = environment(environmentId);
    if (key == null || key.isBlank() || key.length() > 200) {
      throw new InvalidInputException("key", "the feature key must be 1 to 200 characters");
    }
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
      feature.update(featureName, days, window);
    }
    em.flush();
    return feature;
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
    Environment environment = environment(environmentId);
    if (segmentKey == null || segmentKey.isBlank() || segmentKey.length() > 200) {
      throw new InvalidInputException("segmentId", "the segment id must be 1 to 200 characters");
    }
    if (segmentKey.contains(",")) {
      throw new InvalidInputException("segmentId", "segment ids may not contain commas");
    }
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

  private static String requireName(String field, String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(field, field + " is required");
    }
    if (name.length() > 200) {
      throw new InvalidInputException(field, field + " is longer than 200 characters");
    }
    return name.strip();
  }

  private Instant now() {
    return clock.instant();
  }
}
