package com.warehouseexport.core.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmailAddressesTest {

  @Test
  void splitsOnCommasSemicolonsAndSpacesAndDropsDuplicates() {
    assertEquals(
        List.of("ops@example.com", "Data.Team+alerts@example.org"),
        EmailAddresses.parse(" ops@Example.COM, Data.Team+alerts@example.org;ops@example.com "));
  }

  @Test
  void refusesWhatIsNotAPlainAddress() {
    for (String bad :
        new String[] {
          "",
          " ",
          "nobody",
          "a@",
          "ops@example..com",
          "ops@example.com.",
          "ops@ex_ample.com",
          "Ops <ops@example.com>",
          "ops@example.com\r\nBcc: x@y.z",
          "@example.com",
          "ops@-example.com"
        }) {
      assertThrows(IllegalArgumentException.class, () -> EmailAddresses.parse(bad), bad);
    }
  }

  @Test
  void acceptsADotlessInternalDomainLikeTheDefaultSender() {
    assertEquals(
        List.of("team@localhost", "warehouse-export@localhost", "ops@mailhub"),
        EmailAddresses.parse("team@localhost, warehouse-export@LOCALHOST ops@mailhub"));
  }

  @Test
  void atMostTwentyAddresses() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i <= EmailAddresses.MAX; i++) {
      b.append("user").append(i).append("@example.com,");
    }
    assertThrows(IllegalArgumentException.class, () -> EmailAddresses.parse(b.toString()));
  }
}
