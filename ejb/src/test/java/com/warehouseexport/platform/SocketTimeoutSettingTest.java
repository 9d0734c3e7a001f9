package com.warehouseexport.platform;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SocketTimeoutSettingTest {

  @Test
  void wholeSecondsFromZeroAreAccepted() {
    assertNull(SocketTimeoutSetting.problem(null), "unset: the default applies");
    assertNull(SocketTimeoutSetting.problem("0"));
    assertNull(SocketTimeoutSetting.problem("300"));
    assertNull(SocketTimeoutSetting.problem(Integer.toString(SocketTimeoutSetting.MAX_SECONDS)));
  }

  @Test
  void anythingElseIsRefusedNamingTheVariableAndTheValue() {
    for (String bad :
        new String[] {
          "abc", "", "-1", "1.5", "5s", "PT5M", " 300", "300 ", "2147484", "99999999999999999999"
        }) {
      String problem = SocketTimeoutSetting.problem(bad);
      assertNotNull(problem, bad);
      assertTrue(problem.startsWith("DB_SOCKET_TIMEOUT_SECONDS must be a whole number"), problem);
      assertTrue(problem.contains("\"" + bad + "\""), problem);
    }
  }
}
