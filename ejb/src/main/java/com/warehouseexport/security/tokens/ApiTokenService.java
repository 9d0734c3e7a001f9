package com.warehouseexport.security.tokens;

import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.security.Account;
import com.warehouseexport.security.AccountService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Personal API tokens of the signed-in account: create (the secret is returned once and only its
 * hash is stored), list (never the secret), revoke (the row is deleted: the token is then unknown),
 * and the check of a presented token.
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

  @PersistenceContext(unitName = "warehouse")
  private EntityManager em;

  @EJB private AccountService accounts;

  public Created create(String username, String name, Instant expiresAt, Instant now) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > 100) {
      throw new InvalidInputException("name", "a token needs a name of 1 to 100 characters");
    }
    if (trimmed.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new InvalidInputException("name", "the name may not contain control characters");
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new InvalidInputException("expiresAt", "the expiry must lie in the future");
    }
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
            account, trimmed, TokenSecrets.hash(secret), TokenSecrets.hint(secret), now, expiresAt);
    em.persist(token);
    em.flush();
    return new Created(view(token, now), secret);
  }

  /** The account's tokens, newest first. */
  public List<TokenView> list(String username, Instant now) {
    return em
        .createQuery(
            "SELECT t FROM ApiToken t WHERE t.account.username = :u ORDER BY t.createdAt DESC,"
                + " t.id DESC",
            ApiToken.class)
        .setParameter("u", username)
        .getResultList()
        .stream()
        .map(t -> view(t, now))
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
    return em
        .createQuery("SELECT t FROM ApiToken t WHERE t.tokenHash = :h", ApiToken.class)
        .setParameter("h", TokenSecrets.hash(secret))
        .getResultList()
        .stream()
        .filter(t -> !t.isExpired(now))
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

  private static TokenView view(ApiToken t, Instant now) {
    return new TokenView(
        t.getId(), t.getName(), t.getHint(), t.getCreatedAt(), t.getExpiresAt(), t.isExpired(now));
  }
}
