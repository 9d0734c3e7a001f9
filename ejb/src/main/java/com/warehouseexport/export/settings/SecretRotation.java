package com.warehouseexport.export.settings;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.List;
import java.util.logging.Logger;

/**
 * Start-up check and master key rotation: a node that cannot decrypt the stored S3 credentials (its
 * key ring differs from the one they were saved with) refuses to deploy, naming {@code
 * WAREHOUSE_MASTER_KEYS}. Then every stored S3 credential not encrypted with the active key of
 * {@code WAREHOUSE_MASTER_KEYS} is re-encrypted with it. After one start with the new key first,
 * the old key can be removed from the ring.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrations", "MasterKeys"})
public class SecretRotation {

  private static final Logger LOG = Logger.getLogger(SecretRotation.class.getName());

  @EJB private ExportSettingsService settings;

  @PostConstruct
  void rotate() {
    List<Long> broken = settings.undecryptable();
    if (!broken.isEmpty()) {
      // One line, no key material: the operator needs the variable's name and nothing else.
      String message =
          "Refusing to start: the stored S3 credentials of "
              + broken.size()
              + " environment(s) (e.g. environment "
              + broken.get(0)
              + ") cannot be decrypted with this node's master key ring. Set WAREHOUSE_MASTER_KEYS"
              + " to the same value on every node (see docs/operations.md, \"Several nodes\").";
      LOG.severe(message);
      throw new IllegalStateException(message);
    }
    int count = settings.reEncryptAll();
    if (count > 0) {
      LOG.info(
          () ->
              "Re-encrypted the S3 credentials of "
                  + count
                  + " environments with the active master key");
    }
  }
}
