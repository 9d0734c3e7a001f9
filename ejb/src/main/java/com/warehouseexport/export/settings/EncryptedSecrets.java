package com.warehouseexport.export.settings;

import com.warehouseexport.core.crypto.SecretCipher;
import java.util.List;

/**
 * The secrets one part of the application stores encrypted with the master key ring ({@link
 * MasterKeys}, PRODUCT.md §9). At start-up {@link SecretRotation} asks every part which of its
 * secrets this node's key ring cannot decrypt (and refuses to deploy if any), then has each part
 * re-encrypt what is not encrypted with the active key. A part that stores a secret with {@link
 * MasterKeys} implements this; otherwise a key rotation leaves its secrets behind, and removing the
 * old key breaks them.
 */
public interface EncryptedSecrets {

  /** A stored secret the key ring cannot decrypt: whose, and what it is ("S3 credentials"). */
  record Unreadable(long environmentId, String what) {}

  /** The stored secrets {@code cipher} cannot decrypt (unknown key, or not authentic). */
  List<Unreadable> undecryptable(SecretCipher cipher);

  /** Re-encrypts with the active key every stored secret not encrypted with it; how many. */
  int reEncrypt(SecretCipher cipher);
}
