package com.warehouseexport.security.tokens;

import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.platform.ServerSettings;
import com.warehouseexport.security.Account;
import com.warehouseexport.security.AccountService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Personal API tokens of the signed-in account: create (the secret is returned once and only its
 * hash is stored), list (never the secret), revoke (the row is deleted: the token is then unknown),
 * and the check of a presented token.
 *
 * <p>A token lives at most {@code API_TOKEN_MAX_LIFETIME} (ISO-8601, default {@code P365D}): no
 * expiry given means that maximum, a later one is refused (400 naming {@code expiresAt}). Tokens
 * stored without an expiry by an earlier version end at their creation plus the maximum. Only
 * comparisons touch a caller's instant, so no instant (year +1000000000 included) can overflow.
 */
@Stateless
public class ApiTokenService {

  /** How many tokens one account may hold. */
  public static final int MAX_TOKENS_PER_ACCOUNT = 50;

  /** A token as lists show it: never its secret. */
  public record TokenView(
      long id, String name, String hint, Instant createdAt, Instant expiresAt, boolean expired) {}

  /** A new token: its view and its secret, shown this once. */
  public record Created(TokenView token, String secret) {}

  /** The default of {@code API_TOKEN_MAX_LIFETIME}. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofDays(365);

  /** The longest a token may live ({@code API_TOKEN_MAX_LIFETIME}, default 365 days). */
  public static Duration maxLifetime() {
    Duration max =
        ServerSettings.duration(
            "API_TOKEN_MAX_LIFETIME", "warehouse.api-token.max-lifetime", DEFAULT_MAX_LIFETIME);
    if (max.isNegative() || max.isZero() || max.compareTo(Duration.ofDays(36_500)) > 0) {
      throw new IllegalStateException(
          "API_TOKEN_MAX_LIFETIME must lie between PT1S and P36500D, was " + max);
    }
    return max;
  }

  /**
   * The expiry a new token gets: {@code requested}, or the maximum when none is asked for.
   *
   * @throws InvalidInputException naming {@code expiresAt} when it is not in the future or later
   *     than {@code now} plus the maximum lifetime
   */
  public static Instant expiry(Instant requested, Instant now, Duration maxLifetime) {
    Instant latest = now.plus(maxLifetime);
    if (requested == null) {
      return latest;
    }
    if (!requested.isAfter(now)) {
      throw new InvalidInputException("expiresAt", "the expiry must lie in the future");
    }
    if (requested.isAfter(latest)) {
      throw new InvalidInputException(
          "expiresAt",
          "a token lives at most "
              + maxLifetime.toDays()
              + " days (API_TOKEN_MAX_LIFETIME): the expiry must lie before "
              + latest);
    }
    return requested;
  }

  @PersistenceContext(unitName = "warehouse")
  private EntityManager em;

  @EJB private AccountService accounts;

  public Created create(String username, String name, Instant expiresAt, Instant now) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > 100) {
      throw new InvalidInputException("name", "a token needs a name of 1 to 100 characters");
    }
    if (trimmed.chars().anyMatch(c -> c == 0x7f)) {
      throw new InvalidInputException("name", "the name may not contain control characters");
    }
    String problem = com.warehouseexport.core.input.TextRules.problem("name", trimmed, false);
    if (problem != null) {
      throw new InvalidInputException("name", problem);
    }
    Duration maxLifetime = maxLifetime();
    Instant expiry = expiry(expiresAt, now, maxLifetime);
    Account account = account(username);
    long held =
        em.createQuery("SELECT COUNT(t) FROM ApiToken t WHERE t.account = :a", Long.class)
            .setParameter("a", account)
            .getSingleResult();
    if (held >= MAX_TOKENS_PER_ACCOUNT) {
      throw new InvalidInputException(
          "name", "at most " + MAX_TOKENS_PER_ACCOUNT + " tokens per account: revoke one first");
    }
    String secret = TokenSecrets.generate();
    ApiToken token =
        new ApiToken(
            account, trimmed, TokenSecrets.hash(secret), TokenSecrets.hint(secret), now, expiry);
    em.persist(token);
    em.flush();
    return new Created(view(token, now, maxLifetime), secret);
  }

  /** The account's tokens, newest first. */
  public List<TokenView> list(String username, Instant now) {
    Duration maxLifetime = maxLifetime();
    return em
        .createQuery(
            "SELECT t FROM ApiToken t WHERE t.account.username = :u ORDER BY t.createdAt DESC,"
                + " t.id DESC",
            ApiToken.class)
        .setParameter("u", username)
        .getResultList()
        .stream()
        .map(t -> view(t, now, maxLifetime))
        .toList();
  }

  /** Revokes one of the account's own tokens; another account's id answers "not found". */
  public void revoke(String username, long tokenId) {
    ApiToken token = em.find(ApiToken.class, tokenId);
    if (token == null || !token.getAccount().getUsername().equals(username)) {
      throw new NotFoundException("Token " + tokenId + " does not exist");
    }
    em.remove(token);
  }

  /** The caller a presented token stands for; empty if unknown, revoked or expired. */
  public Optional<AccountService.Caller> verify(String secret, Instant now) {
    if (!TokenSecrets.looksLikeToken(secret)) {
      return Optional.empty();
    }
    Duration maxLifetime = maxLifetime();
    return em
        .createQuery("SELECT t FROM ApiToken t WHERE t.tokenHash = :h", ApiToken.class)
        .setParameter("h", TokenSecrets.hash(secret))
        .getResultList()
        .stream()
        .filter(t -> !t.isExpired(now, maxLifetime))
        .findFirst()
        .flatMap(t -> accounts.caller(t.getAccount().getUsername()));
  }

  private Account account(String username) {
    return em
        .createQuery("SELECT a FROM Account a WHERE a.username = :u", Account.class)
        .setParameter("u", username)
        .getResultList()
        .stream()
        .findFirst()
        .orElseThrow(() -> new NotFoundException("Account " + username + " does not exist"));
  }

  private static TokenView view(ApiToken t, Instant now, Duration maxLifetime) {
    return new TokenView(
        t.getId(),
        t.getName(),
        t.getHint(),
        t.getCreatedAt(),
        t.expiry(maxLifetime),
        t.isExpired(now, maxLifetime));
  }
}
