package com.warehouseexport.security;

import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.tenancy.Organization;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** Sign-in accounts: creation and credential checks. Passwords are only ever stored hashed. */
@Stateless
public class AccountService {

  /** Who a verified caller is. */
  public record Caller(String username, Role role, Long organizationId) {
    public boolean isOperator() {
      return role == Role.OPERATOR;
    }
  }

  @PersistenceContext(unitName = "warehouse")
  private EntityManager em;

  public Account create(String username, char[] password, Role role, Long organizationId) {
    if (username == null || !username.matches("[A-Za-z0-9._@-]{3,100}")) {
      throw new InvalidInputException(
          "username", "usernames are 3 to 100 letters, digits or . _ @ -");
    }
    if (password == null || password.length < 8) {
      throw new InvalidInputException("password", "passwords need at least 8 characters");
    }
    if (find(username).isPresent()) {
      throw new InvalidInputException("username", "the username '" + username + "' is taken");
    }
    Organization organization = null;
    if (role == Role.ORG_ADMIN) {
      if (organizationId == null) {
        throw new InvalidInputException("organizationId", "an org admin needs an organization");
      }
      organization = em.find(Organization.class, organizationId);
      if (organization == null) {
        throw new InvalidInputException(
            "organizationId", "organization " + organizationId + " does not exist");
      }
    }
    Account account =
        new Account(username, PasswordHasher.hash(password), role, organization, Instant.now());
    em.persist(account);
    return account;
  }

  /** Sets a new password for an existing account, or creates it. Used for the demo operator. */
  public void ensure(String username, char[] password, Role role, Long organizationId) {
    Optional<Account> existing = find(username);
    if (existing.isPresent()) {
      if (!PasswordHasher.verify(password, existing.get().getPasswordHash())) {
        existing.get().changePasswordHash(PasswordHasher.hash(password));
      }
    } else {
      create(username, password, role, organizationId);
    }
  }

  /**
   * The caller for valid credentials; empty for an unknown user or a wrong password. An unknown
   * user is checked against a dummy hash, so both cost one password hash: the answer time does not
   * tell which usernames exist.
   */
  public Optional<Caller> verify(String username, char[] password) {
    Optional<Account> account = find(username);
    String stored = account.map(Account::getPasswordHash).orElseGet(PasswordHasher::dummy);
    boolean matches = PasswordHasher.verify(password, stored);
    return matches ? account.map(AccountService::caller) : Optional.empty();
  }

  public Optional<Caller> caller(String username) {
    return find(username).map(AccountService::caller);
  }

  public long count() {
    return em.createQuery("SELECT COUNT(a) FROM Account a", Long.class).getSingleResult();
  }

  private Optional<Account> find(String username) {
    return em
        .createQuery("SELECT a FROM Account a WHERE a.username = :u", Account.class)
        .setParameter("u", username)
        .getResultList()
        .stream()
        .findFirst();
  }

  private static Caller caller(Account a) {
    return new Caller(
        a.getUsername(),
        a.getRole(),
        a.getOrganization() == null ? null : a.getOrganization().getId());
  }
}
