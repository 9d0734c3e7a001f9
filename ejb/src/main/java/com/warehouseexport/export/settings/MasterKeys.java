package com.warehouseexport.export.settings;

import com.warehouseexport.core.crypto.SecretCipher;
import com.warehouseexport.platform.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Logger;

/**
 * The master key ring that encrypts the stored secrets at rest: customers' S3 credentials,
 * PostgreSQL destination passwords and webhook signing secrets ({@link EncryptedSecrets}).
 * Configured by the server: environment variable {@code WAREHOUSE_MASTER_KEYS} (or system property
 * {@code warehouse.master-keys}) as {@code keyId:base64Key[,keyId:base64Key…]}, the first key
 * active. Rotation: put a new key first and keep the old ones; at start-up every stored secret is
 * re-encrypted with the active key ({@link SecretRotation}). Without configuration (zero-setup
 * runs) a key ring is generated once into {@code <data dir>/master-keys} (owner-only permissions)
 * and a warning is logged. Key material is never logged.
 */
@Singleton
@Startup
public class MasterKeys {

  private static final Logger LOG = Logger.getLogger(MasterKeys.class.getName());

  private SecretCipher cipher;

  @PostConstruct
  void load() {
    String spec = ServerSettings.value("WAREHOUSE_MASTER_KEYS", "warehouse.master-keys");
    if (spec == null) {
      spec = generatedKeyRing();
    }
    cipher = SecretCipher.fromKeyRing(spec.strip());
  }

  public SecretCipher cipher() {
    return cipher;
  }

  private static String generatedKeyRing() {
    Path file = ServerSettings.dataDir().resolve("master-keys");
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
      Files.createDirectories(file.getParent());
      String spec = SecretCipher.generateKeySpec("k1");
      Files.writeString(file, spec, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      LOG.warning(
          "No WAREHOUSE_MASTER_KEYS configured: generated a master key ring in "
              + file
              + ". Configure WAREHOUSE_MASTER_KEYS for production (see docs/configuration.md).");
      return spec;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
    }
  }
}
