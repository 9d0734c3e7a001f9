package com.warehouseexport.core.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WebhookUrlsTest {

  @Test
  void acceptsHttpsUrls() {
    assertEquals(
        "hooks.example.com", WebhookUrls.parse(" https://hooks.example.com/a?b=c ").getHost());
  }

  @Test
  void refusesEverythingElse() {
    for (String bad :
        new String[] {
          "http://hooks.example.com/",
          "ftp://hooks.example.com/",
          "https:///path",
          "https://user:pw@hooks.example.com/",
          "https://hooks.example.com/#frag",
          "hooks.example.com",
          "https://hooks.example.com/" + "a".repeat(2000),
          " "
        }) {
      assertThrows(IllegalArgumentException.class, () -> WebhookUrls.parse(bad), bad);
    }
  }
}
