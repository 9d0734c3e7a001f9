package com.warehouseexport.web.security;

import com.warehouseexport.security.AccountService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** Validates usernames and passwords against the hashed accounts in the database. */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

  @EJB private AccountService accounts;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential up)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    return accounts
        .verify(up.getCaller(), up.getPassword().getValue())
        .map(c -> new CredentialValidationResult(c.username(), Set.of(c.role().group())))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}
