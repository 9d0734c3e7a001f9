package com.warehouseexport.web.security;

import com.warehouseexport.platform.ServerSettings;
import com.warehouseexport.security.FailureThrottle;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Failed sign-ins (console form, HTTP Basic, unknown API tokens) are throttled per account and per
 * client address ({@link FailureThrottle}): after {@code AUTH_MAX_FAILURES_PER_ACCOUNT} failures
 * for one username, or {@code AUTH_MAX_FAILURES_PER_ADDRESS} from one address, within {@code
 * AUTH_FAILURE_WINDOW}, further attempts are refused without being checked (429 with {@code
 * Retry-After}) until the oldest failure leaves the window. Unknown usernames are counted exactly
 * like known ones. A success does not clear the count: otherwise guesses interleaved with a polling
 * script's valid requests would never add up. The client address is the servlet's remote address:
 * behind a reverse proxy, enable the listener's {@code proxy-address-forwarding} so that it is the
 * client's.
 */
@ApplicationScoped
public class SignInThrottle {

  private static final int MAX_KEYS = 10_000;

  private FailureThrottle accounts;
  private FailureThrottle addresses;

  @PostConstruct
  void configure() {
    Duration window =
        ServerSettings.duration(
            "AUTH_FAILURE_WINDOW", "warehouse.auth.failure-window", Duration.ofMinutes(5));
    accounts =
        new FailureThrottle(
            positive("AUTH_MAX_FAILURES_PER_ACCOUNT", "warehouse.auth.max-failures-per-account", 5),
            window,
            MAX_KEYS);
    addresses =
        new FailureThrottle(
            positive(
                "AUTH_MAX_FAILURES_PER_ADDRESS", "warehouse.auth.max-failures-per-address", 30),
            window,
            MAX_KEYS);
  }

  /** Empty if an attempt may be checked now; otherwise how long the client must wait. */
  public Optional<Duration> retryAfter(String username, String address) {
    Instant now = Instant.now();
    Optional<Duration> byAddress = addresses.retryAfter(address, now);
    Optional<Duration> byAccount =
        username == null ? Optional.empty() : accounts.retryAfter(key(username), now);
    if (byAddress.isPresent() && byAccount.isPresent()) {
      return Optional.of(
          byAddress.get().compareTo(byAccount.get()) > 0 ? byAddress.get() : byAccount.get());
    }
    return byAddress.isPresent() ? byAddress : byAccount;
  }

  public void failed(String username, String address) {
    Instant now = Instant.now();
    addresses.failed(address, now);
    if (username != null) {
      accounts.failed(key(username), now);
    }
  }

  private static String key(String username) {
    String k = username.strip().toLowerCase(Locale.ROOT);
    return k.length() > 100 ? k.substring(0, 100) : k;
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
