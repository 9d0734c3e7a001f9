package com.warehouseexport.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, 0.0.0.0",
    "255.255.255.255, 255.255.255.255",
    "::, ::",
    "::1, ::1",
    "[::1], ::1",
    "fe80::1%eth0, fe80::1",
    "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:0db8:0000:0001:0000:0000:0000:0001, 2001:db8:0:1::1",
    "1:0:1:0:1:0:1:0, 1:0:1:0:1:0:1:0",
    "1::, 1::",
    "::ffff:10.0.0.1, ::ffff:10.0.0.1",
    "::ffff:a00:1, ::ffff:10.0.0.1",
    "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
    "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
    "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
  })
  void parsesAndFormats(String literal, String formatted) {
    assertEquals(formatted, IpAddresses.format(IpAddresses.parseLiteral(literal)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "localhost",
        "example.com",
        "1.2.3",
        "1.2.3.4.5",
        "256.0.0.1",
        "01.2.3.4",
        "1.2.3.-4",
        "1..3.4",
        "0x7f.0.0.1",
        "2130706433",
        "[1.2.3.4]",
        "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        "12345::1",
        "g::1",
        "1:2:3:4:5:6:7::8",
        "::1.2.3",
        ":1::",
        "1.2.3.4::",
      })
  void rejectsNonLiterals(String text) {
    assertNull(IpAddresses.parseLiteral(text));
  }

  @ParameterizedTest
  @CsvSource({"1.2.3.4, 1, 2, 3, 4", "10.0.0.255, 10, 0, 0, 255"})
  void ipv4Bytes(String literal, int a, int b, int c, int d) {
    assertArrayEquals(
        new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}, IpAddresses.parseLiteral(literal));
  }
}
