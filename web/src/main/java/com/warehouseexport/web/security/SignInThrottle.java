package com.warehouseexport.web.security;

import com.warehouseexport.platform.ServerSettings;
import com.warehouseexport.security.SignInLimits;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

/**
 * The server's {@link SignInLimits}, configured from the environment: {@code
 * AUTH_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS} (5) failures for one username from one address, or
 * {@code AUTH_MAX_FAILURES_PER_ADDRESS} (30) from one address, within {@code AUTH_FAILURE_WINDOW}
 * (5 min) refuse further attempts from that address (429 with {@code Retry-After}); from {@code
 * AUTH_MAX_FAILURES_PER_ACCOUNT} (5) failures for a username over all addresses on, its failed
 * answers are delayed by 250 ms more each, at most {@code AUTH_FAILURE_DELAY_MAX} (1 s). At most 16
 * answers wait at once (more are answered without the delay), so the delay cannot exhaust the
 * server's worker threads. A success does not clear a count: otherwise guesses interleaved with a
 * polling script's valid requests would never add up. The client address is the servlet's remote
 * address: behind a reverse proxy, enable the listener's {@code proxy-address-forwarding} so that
 * it is the client's. docs/security.md explains the trade-off.
 */
@ApplicationScoped
public class SignInThrottle {

  private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());
  private static final int MAX_KEYS = 10_000;

  private final Semaphore waiting = new Semaphore(16);
  private SignInLimits limits;

  @PostConstruct
  void configure() {
    Duration window =
        ServerSettings.duration(
            "AUTH_FAILURE_WINDOW", "warehouse.auth.failure-window", Duration.ofMinutes(5));
    limits =
        new SignInLimits(
            positive(
                "AUTH_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS",
                "warehouse.auth.max-failures-per-account-and-address",
                5),
            positive(
                "AUTH_MAX_FAILURES_PER_ADDRESS", "warehouse.auth.max-failures-per-address", 30),
            positive("AUTH_MAX_FAILURES_PER_ACCOUNT", "warehouse.auth.max-failures-per-account", 5),
            Duration.ofMillis(250),
            ServerSettings.duration(
                "AUTH_FAILURE_DELAY_MAX",
                "warehouse.auth.failure-delay-max",
                Duration.ofSeconds(1)),
            window,
            MAX_KEYS);
  }

  /** Empty if an attempt may be checked now; otherwise how long the client must wait. */
  public Optional<Duration> retryAfter(String username, String address) {
    return limits.retryAfter(username, address, Instant.now());
  }

  /**
   * Records a failed attempt ({@code username} null for a token) and waits the account-wide delay
   * before the caller answers it.
   */
  public void failed(String username, String address) {
    Duration delay = limits.failed(username, address, Instant.now());
    if (delay.isZero() || !waiting.tryAcquire()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.fine("sign-in delay interrupted");
    } finally {
      waiting.release();
    }
  }

  private static int positive(String env, String property, int fallback) {
    String value = ServerSettings.value(env, property);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalStateException(env + " must be a positive whole number, was '" + value + "'");
  }
}
