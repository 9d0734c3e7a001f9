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
  void acceptsAPortFromOneTo65535() {
    assertEquals(65535, WebhookUrls.parse("https://hooks.example.com:65535/x").getPort());
    assertEquals(1, WebhookUrls.parse("https://hooks.example.com:1/x").getPort());
  }

  @Test
  void namesThePortRule() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WebhookUrls.parse("https://hooks.example.com:99999/"));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("port"), e.getMessage());
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
          " ",
          "https://hooks.example.com:99999/",
          "https://hooks.example.com:65536/",
          "https://hooks.example.com:0/"
        }) {
      assertThrows(IllegalArgumentException.class, () -> WebhookUrls.parse(bad), bad);
    }
  }
}
