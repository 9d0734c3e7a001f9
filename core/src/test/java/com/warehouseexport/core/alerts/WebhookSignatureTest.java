package com.warehouseexport.core.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  @Test
  void matchesTheRfc4231TestVector() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    assertEquals(
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        WebhookSignature.sign(
            "Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void verifiesOnlyTheSameBodyAndSecret() {
    byte[] body = "{\"event\":\"test\"}".getBytes(StandardCharsets.UTF_8);
    String header = WebhookSignature.sign("s1", body);
    assertTrue(WebhookSignature.verify("s1", body, header));
    assertFalse(WebhookSignature.verify("s2", body, header));
    assertFalse(
        WebhookSignature.verify(
            "s1", "{\"event\":\"tesT\"}".getBytes(StandardCharsets.UTF_8), header));
    assertFalse(WebhookSignature.verify("s1", body, null));
  }

  @Test
  void newSecretsAreLongAndDifferent() {
    String a = WebhookSignature.newSecret();
    assertTrue(a.startsWith("whsec_") && a.length() == 6 + 43, a);
    assertNotEquals(a, WebhookSignature.newSecret());
  }
}
