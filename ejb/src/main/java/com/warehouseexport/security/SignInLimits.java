package com.warehouseexport.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The throttling rule for failed sign-ins (console form, HTTP Basic, unknown API tokens), built so
 * that it cannot be turned into a lock-out (PRODUCT.md §9):
 *
 * <ul>
 *   <li><b>per account and address</b>: after {@code perPair} failures for one username from one
 *       client address within the window, that address may not try that username again until the
 *       oldest failure leaves the window (429 with {@code Retry-After});
 *   <li><b>per address</b>: after {@code perAddress} failures from one address (any usernames,
 *       tokens included), the address is refused altogether (429);
 *   <li><b>per account</b>, over all addresses: only slows down. From the {@code slowAfter}th
 *       failure on, each further failed answer for that username is delayed by {@code delayStep}
 *       more, at most {@code delayMax}. A correct password is never delayed or refused by it, so
 *       the owner signs in at once from any address that is not itself guessing.
 * </ul>
 *
 * Unknown usernames are counted and delayed exactly like known ones (the count is by the name
 * typed, never by whether an account exists). Refused attempts are not counted. Memory is bounded
 * ({@code maxKeys} per kind, least recently used first). Thread-safe; pure (the caller passes the
 * time and performs the delay).
 */
public final class SignInLimits {

  private final FailureThrottle pairs;
  private final FailureThrottle addresses;
  private final FailureThrottle accounts;
  private final int slowAfter;
  private final Duration delayStep;
  private final Duration delayMax;

  public SignInLimits(
      int perPair,
      int perAddress,
      int slowAfter,
      Duration delayStep,
      Duration delayMax,
      Duration window,
      int maxKeys) {
    if (slowAfter < 1 || delayStep.isNegative() || delayMax.isNegative()) {
      throw new IllegalArgumentException("slowAfter must be positive, delays not negative");
    }
    this.pairs = new FailureThrottle(perPair, window, maxKeys);
    this.addresses = new FailureThrottle(perAddress, window, maxKeys);
    // remembers enough failures to reach the longest delay, and no more
    long steps = delayStep.isZero() ? 1 : Math.min(1000, delayMax.dividedBy(delayStep) + 1);
    this.accounts = new FailureThrottle(slowAfter + (int) steps, window, maxKeys);
    this.slowAfter = slowAfter;
    this.delayStep = delayStep;
    this.delayMax = delayMax;
  }

  /**
   * Empty if an attempt for {@code username} (null for a token) from {@code address} may be checked
   * now; otherwise how long the client must wait. The account-wide count never refuses.
   */
  public Optional<Duration> retryAfter(String username, String address, Instant now) {
    Optional<Duration> byAddress = addresses.retryAfter(address, now);
    Optional<Duration> byPair =
        username == null ? Optional.empty() : pairs.retryAfter(pair(username, address), now);
    if (byAddress.isPresent() && byPair.isPresent()) {
      return byAddress.get().compareTo(byPair.get()) >= 0 ? byAddress : byPair;
    }
    return byAddress.isPresent() ? byAddress : byPair;
  }

  /**
   * Records a failed attempt and returns how long its answer is to be delayed (zero until the
   * account has {@code slowAfter} failures in the window; tokens, with no username, are never
   * delayed).
   */
  public Duration failed(String username, String address, Instant now) {
    addresses.failed(address, now);
    if (username == null) {
      return Duration.ZERO;
    }
    pairs.failed(pair(username, address), now);
    String account = account(username);
    accounts.failed(account, now);
    int count = accounts.count(account, now);
    if (count < slowAfter) {
      return Duration.ZERO;
    }
    Duration delay = delayStep.multipliedBy(count - slowAfter + 1L);
    return delay.compareTo(delayMax) > 0 ? delayMax : delay;
  }

  private static String account(String username) {
    String k = username.strip().toLowerCase(Locale.ROOT);
    return k.length() > 100 ? k.substring(0, 100) : k;
  }

  private static String pair(String username, String address) {
    return account(username) + "\n" + address;
  }
}
