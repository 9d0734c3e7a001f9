package com.warehouseexport.core.usage;

import java.time.Instant;
import java.util.Objects;

/**
 * One feedback entry of a user for a company × feature.
 *
 * @param userId the user who gave the feedback
 * @param at when it was given
 * @param score 1..5, or null for a feedback without score (e.g. comment only)
 */
public record FeedbackEntry(String userId, Instant at, Integer score) {

  /** Validates non-null user and instant and a score in 1..5 when present. */
  public FeedbackEntry {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(at, "at");
    if (score != null && (score < 1 || score > 5)) {
      throw new IllegalArgumentException("score must be 1..5, got " + score);
    }
  }
}
