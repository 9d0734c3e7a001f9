package com.warehouseexport.tenancy;

import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.platform.ServerSettings;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Operators' provisioning: organizations and plans, environments and their ingestion keys. Features
 * and segments are in {@code catalog.CatalogService}.
 */
@Stateless
public class ProvisioningService {

  /** A new environment and its ingestion key, which is shown only this once. */
  public record CreatedEnvironment(long id, String name, String ingestionKey) {}

  /** A rotated ingestion key, shown only this once, and until when the replaced key works. */
  public record RotatedKey(String ingestionKey, String hint, Instant previousWorksUntil) {}

  /** How long a replaced ingestion key keeps working ({@code INGESTION_KEY_GRACE}, 24 h). */
  static final Duration KEY_GRACE =
      ServerSettings.duration(
          "INGESTION_KEY_GRACE", "warehouse.ingestion.key-grace", Duration.ofHours(24));

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

  /**
   * Replaces the environment's ingestion key with a new one. The replaced key keeps working for
   * {@link #KEY_GRACE} so that senders can switch over without losing events; a key replaced by an
   * earlier rotation stops working at once.
   */
  public RotatedKey rotateIngestionKey(long environmentId) {
    Environment environment =
        em.find(Environment.class, environmentId, LockModeType.PESSIMISTIC_WRITE);
    if (environment == null) {
      throw new NotFoundException("Environment " + environmentId + " does not exist");
    }
    String key = IngestionKeys.generate();
    Instant at = now();
    Instant previousWorksUntil = at.plus(KEY_GRACE);
    environment.rotateIngestionKey(
        IngestionKeys.hash(key), IngestionKeys.hint(key), at, previousWorksUntil);
    em.flush();
    return new RotatedKey(key, IngestionKeys.hint(key), previousWorksUntil);
  }

  public Environment environment(long id) {
    Environment environment = em.find(Environment.class, id);
    if (environment == null) {
      throw new NotFoundException("Environment " + id + " does not exist");
    }
    return environment;
  }

  /** Every environment's plan, in one query (the scheduler's tick reads it once per pass). */
  public java.util.Map<Long, Plan> plansByEnvironment() {
    java.util.Map<Long, Plan> plans = new java.util.HashMap<>();
    for (Object[] row :
        em.createQuery("SELECT e.id, e.organization.plan FROM Environment e", Object[].class)
            .getResultList()) {
      plans.put(((Number) row[0]).longValue(), (Plan) row[1]);
    }
    return plans;
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

  private static String requireName(String field, String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(field, field + " is required");
    }
    if (name.length() > 200) {
      throw new InvalidInputException(field, field + " is longer than 200 characters");
    }
    String problem = com.warehouseexport.core.input.TextRules.problem(field, name, false);
    if (problem != null) {
      throw new InvalidInputException(field, problem);
    }
    return name.strip();
  }

  private Instant now() {
    return clock.instant();
  }
}
