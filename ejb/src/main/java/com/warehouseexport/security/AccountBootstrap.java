package com.warehouseexport.security;

import com.warehouseexport.platform.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;

/**
 * Creates the first operator outside demo mode: set {@code BOOTSTRAP_OPERATOR} (username) and
 * {@code BOOTSTRAP_OPERATOR_PASSWORD} in the server's environment (or the system properties {@code
 * warehouse.bootstrap.operator} / {@code warehouse.bootstrap.operator-password}) and start the
 * server once. An existing account of that name is left untouched. The password is never logged.
 *
 * <p>Several nodes with the same configuration may start at once: the account is created in its own
 * transaction (not this bean's start-up transaction), and a node that loses the race to the
 * account's unique username finds the account created and starts normally.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AccountBootstrap {

  private static final Logger LOG = Logger.getLogger(AccountBootstrap.class.getName());

  @EJB private AccountService accounts;

  @PostConstruct
  void bootstrap() {
    String username = setting("BOOTSTRAP_OPERATOR", "warehouse.bootstrap.operator");
    String password =
        setting("BOOTSTRAP_OPERATOR_PASSWORD", "warehouse.bootstrap.operator-password");
    if (username == null || password == null) {
      return;
    }
    if (accounts.caller(username).isPresent()) {
      return;
    }
    try {
      accounts.create(username, password.toCharArray(), Role.OPERATOR, null);
    } catch (RuntimeException e) {
      if (accounts.caller(username).isPresent()) {
        LOG.info(
            () ->
                "The bootstrap operator account '"
                    + username
                    + "' was created by another node at the same time");
        return;
      }
      throw e;
    }
    LOG.info(() -> "Created the bootstrap operator account '" + username + "'");
  }

  private static String setting(String env, String property) {
    return ServerSettings.secret(env, property);
  }
}
