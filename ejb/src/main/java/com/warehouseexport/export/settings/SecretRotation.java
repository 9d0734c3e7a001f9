package com.warehouseexport.export.settings;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.logging.Logger;

/**
 * Master key rotation: at start-up, every stored S3 credential not encrypted with the active key of
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
