package com.warehouseexport.export.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class S3CredentialsTest {

  @Test
  void toStringMasksTheKeyIdAndHidesTheSecret() {
    S3Credentials c = new S3Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCY");

    assertEquals("S3Credentials[accessKeyId=AKIA…MPLE, secretAccessKey=****]", c.toString());
    assertFalse(c.toString().contains("wJalr"));
    assertFalse(c.toString().contains("IOSFODNN7"));
  }

  @Test
  void shortKeyIdsAreMaskedCompletely() {
    assertEquals("****", new S3Credentials("SHORTKEY", "s").maskedAccessKeyId());
  }
}
