package com.warehouseexport.export.settings;

import static com.warehouseexport.export.settings.ExportSettingsService.PG_PASSWORD;
import static com.warehouseexport.export.settings.ExportSettingsService.aad;

import com.warehouseexport.core.crypto.SecretCipher;
import com.warehouseexport.core.crypto.SecretDecryptionException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The export settings' stored secrets, all environments at once: the bucket's access key pair and
 * the PostgreSQL destination's password. The settings of one environment are {@link
 * ExportSettingsService}'s.
 */
@Stateless
public class SettingsSecrets implements EncryptedSecrets {

  static final String S3_CREDENTIALS = "S3 credentials";
  static final String POSTGRES_PASSWORD = "PostgreSQL destination password";

  @PersistenceContext(unitName = "warehouse")
  private EntityManager em;

  @Override
  public List<Unreadable> undecryptable(SecretCipher cipher) {
    List<Unreadable> broken = new ArrayList<>();
    for (ExportSettings s : all()) {
      long env = s.getEnvironmentId();
      if (s.hasBucket()
          && !(readable(cipher, s.getAccessKeyIdEncrypted(), aad(env, "accessKeyId"))
              && readable(cipher, s.getSecretAccessKeyEncrypted(), aad(env, "secretAccessKey")))) {
        broken.add(new Unreadable(env, S3_CREDENTIALS));
      }
      if (s.getPgPasswordEncrypted() != null
          && !readable(cipher, s.getPgPasswordEncrypted(), aad(env, PG_PASSWORD))) {
        broken.add(new Unreadable(env, POSTGRES_PASSWORD));
      }
    }
    return broken;
  }

  @Override
  public int reEncrypt(SecretCipher cipher) {
    int count = 0;
    for (ExportSettings s : all()) {
      long env = s.getEnvironmentId();
      if (s.getPgPasswordEncrypted() != null
          && cipher.needsReEncryption(s.getPgPasswordEncrypted())) {
        s.replacePostgresPassword(
            cipher.reEncrypt(s.getPgPasswordEncrypted(), aad(env, PG_PASSWORD)));
        count++;
      }
      if (s.hasBucket()
          && (cipher.needsReEncryption(s.getAccessKeyIdEncrypted())
              || cipher.needsReEncryption(s.getSecretAccessKeyEncrypted()))) {
        s.replaceCredentials(
            cipher.reEncrypt(s.getAccessKeyIdEncrypted(), aad(env, "accessKeyId")),
            cipher.reEncrypt(s.getSecretAccessKeyEncrypted(), aad(env, "secretAccessKey")),
            s.getAccessKeyIdHint());
        count++;
      }
    }
    return count;
  }

  private List<ExportSettings> all() {
    return em.createQuery("SELECT s FROM ExportSettings s", ExportSettings.class).getResultList();
  }

  private static boolean readable(SecretCipher cipher, String token, String associatedData) {
    try {
      cipher.decrypt(token, associatedData);
      return true;
    } catch (SecretDecryptionException e) {
      return false;
    }
  }
}
