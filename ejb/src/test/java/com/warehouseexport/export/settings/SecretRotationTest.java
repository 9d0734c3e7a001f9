package com.warehouseexport.export.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.settings.EncryptedSecrets.Unreadable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line a node that cannot decrypt the stored secrets refuses to start with. */
class SecretRotationTest {

  @Test
  void theRefusalSaysWhatCouldNotBeReadAndWhichVariableToFix() {
    assertEquals(
        "Refusing to start: 2 stored secret(s) of 1 environment(s) (the S3 credentials of"
            + " environment 7, the webhook signing secret of environment 7) cannot be decrypted"
            + " with this node's master key ring. Set WAREHOUSE_MASTER_KEYS to the same value on"
            + " every node, with every key still in use (see docs/operations.md, \"Several"
            + " nodes\").",
        SecretRotation.refusal(
            List.of(
                new Unreadable(7, "webhook signing secret"),
                new Unreadable(7, SettingsSecrets.S3_CREDENTIALS))));
  }

  @Test
  void manyUnreadableSecretsAreCountedAndTheFirstFewNamed() {
    String refusal =
        SecretRotation.refusal(
            List.of(
                new Unreadable(1, SettingsSecrets.S3_CREDENTIALS),
                new Unreadable(2, SettingsSecrets.S3_CREDENTIALS),
                new Unreadable(2, SettingsSecrets.POSTGRES_PASSWORD),
                new Unreadable(3, SettingsSecrets.S3_CREDENTIALS),
                new Unreadable(4, SettingsSecrets.S3_CREDENTIALS)));
    assertTrue(refusal.startsWith("Refusing to start: 5 stored secret(s) of 4 environment(s) ("));
    assertTrue(
        refusal.contains(
            "(the S3 credentials of environment 1, the PostgreSQL destination password of"
                + " environment 2, the S3 credentials of environment 2, …) cannot be decrypted"),
        refusal);
  }
}
