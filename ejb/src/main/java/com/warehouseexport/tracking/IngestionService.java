package com.warehouseexport.tracking;

import com.warehouseexport.tenancy.IngestionKeys;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * The ingestion entry point: resolves the environment from its key and stores validated items in
 * one transaction, retrying when a concurrent writer won a race for the same rows.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IngestionService {

  private static final Logger LOG = Logger.getLogger(IngestionService.class.getName());
  private static final int MAX_ATTEMPTS = 8;

  @PersistenceContext(unitName = "warehouse")
  private EntityManager em;

  @EJB private JdbcTrackingStore store;

  private final Clock clock = Clock.systemUTC();

  /** The environment an ingestion key belongs to, if any. */
  public Optional<Long> environmentForKey(String ingestionKey) {
    if (ingestionKey == null || ingestionKey.isBlank()) {
      return Optional.empty();
    }
    String hash = IngestionKeys.hash(ingestionKey.strip());
    Optional<Long> current =
        em
            .createQuery(
                "SELECT e.id FROM Environment e WHERE e.ingestionKeyHash = :hash", Long.class)
            .setParameter("hash", hash)
            .getResultList()
            .stream()
            .findFirst();
    if (current.isPresent()) {
      return current;
    }
    // A key replaced by a rotation keeps working until its grace period ends.
    return em
        .createQuery(
            "SELECT e.id FROM Environment e WHERE e.previousKeyHash = :hash"
                + " AND e.previousKeyExpiresAt > :now",
            Long.class)
        .setParameter("hash", hash)
        .setParameter("now", clock.millis())
        .getResultList()
        .stream()
        .findFirst();
  }

  /** Stores the items (all or nothing), in the order given. */
  public void ingest(long environmentId, List<TrackingItem> items) {
    ingest(environmentId, items, Collections.nCopies(items.size(), null));
  }

  /**
   * Stores the items (all or nothing), in the order given, except duplicates: an item whose {@code
   * messageId} the environment stored before (within the raw-event retention) or that an earlier
   * item of the same call carries. Returns per item whether it was such a duplicate.
   *
   * @param messageIds per item its messageId, or null
   */
  public boolean[] ingest(long environmentId, List<TrackingItem> items, List<String> messageIds) {
    if (items.size() != messageIds.size()) {
      throw new IllegalArgumentException("one messageId (or null) per item");
    }
    if (items.isEmpty()) {
      return new boolean[0];
    }
    Instant receivedAt = clock.instant();
    for (int attempt = 1; ; attempt++) {
      try {
        return store.write(environmentId, items, messageIds, receivedAt);
      } catch (RetryableWriteException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw new EJBException("Tracking data could not be stored after retries", e);
        }
        LOG.fine(() -> "Retrying tracking write after a concurrent update: " + e.getMessage());
        sleepQuietly(ThreadLocalRandom.current().nextInt(5, 20 * attempt));
      }
    }
  }

  /** The time ingestion uses as "now" for items without a timestamp. */
  public Instant now() {
    return clock.instant();
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
