package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.export.PeriodId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Period claims in memory, with the same first-wins and compare-and-set rules as the table. */
class FakePeriodClaims extends PeriodClaims {

  final Map<String, PeriodClaim> rows = new TreeMap<>();
  private long placeholders;

  private static String key(PeriodId id) {
    return id.environmentId()
        + "/"
        + id.destination()
        + "/"
        + id.cadence().id()
        + "/"
        + id.period();
  }

  /** Stores a claim as a test's starting point. */
  void put(PeriodClaim claim) {
    rows.put(key(claim.id()), claim);
  }

  PeriodClaim get(PeriodId id) {
    return rows.get(key(id));
  }

  private boolean insert(PeriodId id, String by, ClaimState state, Instant at) {
    if (rows.containsKey(key(id))) {
      return false;
    }
    put(
        new PeriodClaim(
            id.environmentId(),
            id.destination(),
            id.cadence(),
            id.period(),
            null,
            0,
            state,
            at,
            null,
            by));
    return true;
  }

  @Override
  public boolean claim(PeriodId id, String node, long claimedAt) {
    return insert(id, node, ClaimState.STARTED, Instant.ofEpochMilli(claimedAt));
  }

  @Override
  public boolean claimRequested(PeriodId id, String node, long claimedAt) {
    return claim(id, node, claimedAt);
  }

  @Override
  public boolean claimQueued(PeriodId id, String node, Instant claimedAt) {
    return insert(id, BACKFILL + node, ClaimState.STARTED, claimedAt);
  }

  @Override
  public boolean recordMissed(PeriodId id, String node) {
    return insert(id, node, ClaimState.MISSED, Instant.now());
  }

  @Override
  public boolean recordPaused(PeriodId id, String node) {
    return insert(id, node, ClaimState.PAUSED, Instant.now());
  }

  /** Replaces the claim if it still points at {@code expected}. */
  private boolean update(
      PeriodId id, Long expected, Long execution, int addAttempts, ClaimState state, Instant next) {
    return update(id, expected, execution, addAttempts, state, next, null);
  }

  private boolean update(
      PeriodId id,
      Long expected,
      Long execution,
      int addAttempts,
      ClaimState state,
      Instant next,
      Instant claimedAt) {
    PeriodClaim c = get(id);
    if (c == null || !Objects.equals(c.executionId(), expected)) {
      return false;
    }
    put(
        new PeriodClaim(
            c.environmentId(),
            c.destination(),
            c.cadence(),
            c.period(),
            execution,
            c.attempts() + addAttempts,
            state,
            claimedAt != null ? claimedAt : c.claimedAt(),
            next,
            c.claimedBy()));
    return true;
  }

  /** How many of the next attaches fail as a cut database connection would. */
  int failingAttaches;

  @Override
  public boolean attach(PeriodId id, Long expected, long executionId) {
    if (failingAttaches > 0) {
      failingAttaches--;
      throw new IllegalStateException("Cannot update export claim: connection refused");
    }
    return update(id, expected, executionId, 1, ClaimState.STARTED, null);
  }

  @Override
  public Optional<Long> reserve(PeriodId id, Long expected, long claimedAt) {
    long placeholder = -(++placeholders);
    return update(
            id, expected, placeholder, 0, ClaimState.STARTED, null, Instant.ofEpochMilli(claimedAt))
        ? Optional.of(placeholder)
        : Optional.empty();
  }

  @Override
  public boolean markLanded(PeriodId id, long executionId) {
    return update(id, executionId, executionId, 0, ClaimState.LANDED, null);
  }

  @Override
  public java.util.Set<PeriodId> markLanded(java.util.Map<PeriodId, Long> landed) {
    java.util.Set<PeriodId> won = new java.util.HashSet<>();
    landed.forEach(
        (id, execution) -> {
          PeriodClaim before = get(id);
          if (before != null && before.state() != ClaimState.LANDED && markLanded(id, execution)) {
            won.add(id);
          }
        });
    return won;
  }

  @Override
  public void markRetrying(PeriodId id, long executionId, Instant next) {
    update(id, executionId, executionId, 0, ClaimState.RETRYING, next);
  }

  @Override
  public boolean markFailed(PeriodId id, long executionId) {
    return update(id, executionId, executionId, 0, ClaimState.FAILED, null);
  }

  @Override
  public Optional<PeriodClaim> find(PeriodId id) {
    return Optional.ofNullable(get(id));
  }

  @Override
  public Optional<LocalDate> latestPeriod(long env, String destination, Cadence cadence) {
    return rows.values().stream()
        .filter(
            c ->
                c.environmentId() == env
                    && c.destination().equals(destination)
                    && c.cadence() == cadence)
        .map(PeriodClaim::period)
        .max(LocalDate::compareTo);
  }
}
