package com.warehouseexport.alerts;

import java.time.Instant;

/**
 * One message to one target in the outbox.
 *
 * @param state {@code pending}, {@code delivered} or {@code failed} (given up)
 */
public record Delivery(
    long id,
    long targetId,
    long environmentId,
    String event,
    String payload,
    String state,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt) {}
