package com.warehouseexport.errors;

/**
 * The caller asked for more than its fair share right now (HTTP 429 with {@code Retry-After}): the
 * message says which limit and when to try again, {@code field} names the field or resource.
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class TooManyRequestsException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String field;
  private final long retryAfterSeconds;

  public TooManyRequestsException(String field, String message, long retryAfterSeconds) {
    super(message);
    this.field = field;
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  public String field() {
    return field;
  }

  /** Seconds after which a retry may succeed (the {@code Retry-After} header). */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
