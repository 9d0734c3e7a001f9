package com.warehouseexport.alerts;

import com.warehouseexport.core.crypto.SecretCipher;
import com.warehouseexport.core.crypto.SecretDecryptionException;
import com.warehouseexport.export.settings.EncryptedSecrets;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook targets' signing secrets, stored encrypted with the master key ring: checked and
 * re-encrypted at start-up with the export settings' secrets, so a key rotation carries them too.
 */
@Stateless
public class WebhookSecrets implements EncryptedSecrets {

  static final String WEBHOOK_SECRET = "webhook signing secret";

  @EJB private AlertStore store;

  @Override
  public List<Unreadable> undecryptable(SecretCipher cipher) {
    List<Unreadable> broken = new ArrayList<>();
    for (AlertStore.StoredSecret s : store.secrets()) {
      try {
        cipher.decrypt(s.encrypted(), NotificationService.aad(s.targetId()));
      } catch (SecretDecryptionException e) {
        broken.add(new Unreadable(s.environmentId(), WEBHOOK_SECRET));
      }
    }
    return broken;
  }

  @Override
  public int reEncrypt(SecretCipher cipher) {
    int count = 0;
    for (AlertStore.StoredSecret s : store.secrets()) {
      if (cipher.needsReEncryption(s.encrypted())
          && store.replaceSecret(
              s.targetId(),
              s.encrypted(),
              cipher.reEncrypt(s.encrypted(), NotificationService.aad(s.targetId())))) {
        count++;
      }
    }
    return count;
  }
}
