package com.warehouseexport.export.settings;

import com.warehouseexport.core.crypto.SecretCipher;
import com.warehouseexport.export.settings.EncryptedSecrets.Unreadable;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Start-up check and master key rotation, over every stored secret ({@link EncryptedSecrets}: the
 * export settings' S3 credentials and PostgreSQL passwords, the webhook targets' signing secrets).
 * A node that cannot decrypt one of them (its key ring differs from the one it was saved with)
 * refuses to deploy, naming {@code WAREHOUSE_MASTER_KEYS} and what it could not read. Then every
 * stored secret not encrypted with the active key of {@code WAREHOUSE_MASTER_KEYS} is re-encrypted
 * with it. After one start with the new key first, the old key can be removed from the ring.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrations", "MasterKeys"})
public class SecretRotation {

  private static final Logger LOG = Logger.getLogger(SecretRotation.class.getName());

  /** How many unreadable secrets the refusal names. */
  private static final int NAMED = 3;

  @EJB private MasterKeys masterKeys;
  @Inject @Any private Instance<EncryptedSecrets> holders;

  @PostConstruct
  void rotate() {
    SecretCipher cipher = masterKeys.cipher();
    List<Unreadable> broken = new ArrayList<>();
    for (EncryptedSecrets holder : holders) {
      broken.addAll(holder.undecryptable(cipher));
    }
    if (!broken.isEmpty()) {
      String message = refusal(broken);
      LOG.severe(message);
      throw new IllegalStateException(message);
    }
    int count = 0;
    for (EncryptedSecrets holder : holders) {
      count += holder.reEncrypt(cipher);
    }
    int reEncrypted = count;
    if (reEncrypted > 0) {
      LOG.info(
          () -> "Re-encrypted " + reEncrypted + " stored secret(s) with the active master key");
    }
  }

  /**
   * The one line a node that cannot decrypt the stored secrets logs and fails with: how many, whose
   * and what (the first few, by environment), and the variable to fix; no key material, no secret.
   */
  static String refusal(List<Unreadable> broken) {
    Set<Long> environments = new LinkedHashSet<>();
    List<String> named = new ArrayList<>();
    List<Unreadable> ordered = new ArrayList<>(broken);
    ordered.sort(
        Comparator.comparingLong(Unreadable::environmentId).thenComparing(Unreadable::what));
    for (Unreadable u : ordered) {
      environments.add(u.environmentId());
      if (named.size() < NAMED) {
        named.add("the " + u.what() + " of environment " + u.environmentId());
      }
    }
    return "Refusing to start: "
        + broken.size()
        + " stored secret(s) of "
        + environments.size()
        + " environment(s) ("
        + String.join(", ", named)
        + (broken.size() > NAMED ? ", …" : "")
        + ") cannot be decrypted with this node's master key ring. Set WAREHOUSE_MASTER_KEYS to"
        + " the same value on every node, with every key still in use (see docs/operations.md,"
        + " \"Several nodes\").";
  }
}
