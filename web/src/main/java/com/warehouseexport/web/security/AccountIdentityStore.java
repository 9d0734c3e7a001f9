package com.warehouseexport.web.security;

import com.warehouseexport.platform.ServerSettings;
import com.warehouseexport.security.AccountService;
import com.warehouseexport.security.VerifiedCredentials;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Validates usernames and passwords against the hashed accounts in the database. A pair verified
 * within the last {@code AUTH_CREDENTIAL_CACHE_TTL} (60 s) is accepted from {@link
 * VerifiedCredentials} without another PBKDF2 hash, so polling scripts cost no hash per request;
 * the account's role is still read afresh each time. A password change therefore takes up to that
 * long to shut out the old password.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

  @EJB private AccountService accounts;

  private VerifiedCredentials<String> verified;

  @PostConstruct
  void init() {
    verified =
        VerifiedCredentials.withRandomKey(
            ServerSettings.duration(
                "AUTH_CREDENTIAL_CACHE_TTL",
                "warehouse.auth.credential-cache-ttl",
                Duration.ofSeconds(60)),
            10_000);
  }

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential up)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    String username = up.getCaller();
    char[] password = up.getPassword().getValue();
    Instant now = Instant.now();
    Optional<AccountService.Caller> caller =
        verified.get(username, password, now).flatMap(accounts::caller);
    if (caller.isEmpty()) {
      caller = accounts.verify(username, password);
      caller.ifPresent(c -> verified.put(username, password, c.username(), now));
    }
    return caller
        .map(c -> new CredentialValidationResult(c.username(), Set.of(c.role().group())))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}
