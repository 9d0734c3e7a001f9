package com.warehouseexport.core.postgres;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.net.EndpointGuard;
import org.junit.jupiter.api.Test;

/** The TLS rule decides without resolving or connecting. */
class PostgresTlsRuleTest {

  private static final EndpointGuard LIST =
      EndpointGuard.fromConfig("127.0.0.1/32, db.internal, 10.1.0.0/16");

  @Test
  void requireIsAlwaysAllowed() {
    assertNull(
        PostgresTlsRule.refusal(TlsMode.REQUIRE, "db.example.com", EndpointGuard.fromConfig("")));
  }

  @Test
  void disableOnlyForAllowListedHostsAndAddresses() {
    assertNull(PostgresTlsRule.refusal(TlsMode.DISABLE, "127.0.0.1", LIST));
    assertNull(PostgresTlsRule.refusal(TlsMode.DISABLE, "DB.internal.", LIST));
    assertNull(PostgresTlsRule.refusal(TlsMode.DISABLE, "10.1.2.3", LIST));
    String refusal = PostgresTlsRule.refusal(TlsMode.DISABLE, "db.example.com", LIST);
    assertTrue(
        refusal.contains("sslmode") && refusal.contains("POSTGRES_TLS_DISABLE_ALLOWLIST"), refusal);
    // A name does not count because it might resolve into a listed block.
    assertTrue(PostgresTlsRule.refusal(TlsMode.DISABLE, "localhost", LIST) != null);
    assertTrue(PostgresTlsRule.refusal(TlsMode.DISABLE, "127.0.0.2", LIST) != null);
    assertTrue(
        PostgresTlsRule.refusal(TlsMode.DISABLE, "127.0.0.1", EndpointGuard.fromConfig(""))
            != null);
  }
}
