package com.warehouseexport.core.crypto;

/**
 * A stored secret could not be decrypted: the token is malformed, names an unknown key, was
 * altered, or belongs to other associated data. The message never contains plaintext or key
 * material.
 */
public final class SecretDecryptionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SecretDecryptionException(String message) {
    super(message);
  }

  SecretDecryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
