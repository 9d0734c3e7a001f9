package com.warehouseexport.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.warehouseexport.core.net.EndpointGuard.Decision;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Addresses are built from bytes only ({@link InetAddress#getByAddress(byte[])}, {@link
 * Inet6Address#getByAddress(String, byte[], int)}); no DNS, no connections.
 */
class EndpointGuardTest {

  private static final EndpointGuard NO_ALLOW_LIST = new EndpointGuard(List.of());

  private static final HostResolver NO_DNS =
      host -> {
        throw new AssertionError("unexpected resolution of " + host);
      };

  /** Bytes of an IPv4 or IPv6 literal, parsed by the test itself (never by InetAddress). */
  static byte[] bytes(String literal) {
    byte[] b = IpAddresses.parseLiteral(literal);
    if (b == null) {
      fail("bad test literal " + literal);
    }
    return b;
  }

  /** An InetAddress from bytes; IPv4-mapped IPv6 becomes an Inet4Address, as the JDK does. */
  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByAddress(bytes(literal));
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** An Inet6Address kept as IPv6 even for mapped forms. */
  static InetAddress ip6(String literal) {
    try {
      return Inet6Address.getByAddress(null, bytes(literal), -1);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  // ---- refused categories

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1 | 127.0.0.1, a loopback address",
        "127.255.0.9 | 127.255.0.9, a loopback address",
        "::1 | ::1, a loopback address",
        "169.254.169.254 | 169.254.169.254, a link-local address (cloud metadata)",
        "fe80::1 | fe80::1, a link-local address",
        "febf:ffff::1 | febf:ffff::1, a link-local address",
        "10.0.0.5 | 10.0.0.5, a private address",
        "172.16.0.1 | 172.16.0.1, a private address",
        "172.31.255.255 | 172.31.255.255, a private address",
        "192.168.1.1 | 192.168.1.1, a private address",
        "fc00::1 | fc00::1, a private (unique local) address",
        "fd00:ec2::254 | fd00:ec2::254, a private (unique local) address",
        "fec0::1 | fec0::1, a site-local (private) address",
        "100.64.0.1 | 100.64.0.1, a carrier-grade NAT (shared) address",
        "100.100.100.200 | 100.100.100.200, a carrier-grade NAT (shared) address",
        "100.127.255.255 | 100.127.255.255, a carrier-grade NAT (shared) address",
        "0.0.0.0 | 0.0.0.0, an unspecified address",
        "0.1.2.3 | 0.1.2.3, a reserved ('this network') address",
        ":: | ::, an unspecified address",
        "224.0.0.1 | 224.0.0.1, a multicast address",
        "239.255.255.250 | 239.255.255.250, a multicast address",
        "ff02::1 | ff02::1, a multicast address",
        "255.255.255.255 | 255.255.255.255, the broadcast address",
        "240.0.0.1 | 240.0.0.1, a reserved address",
        "192.0.0.192 | 192.0.0.192, a reserved (IETF protocol) address",
        "192.0.2.10 | 192.0.2.10, a reserved (documentation) address",
        "198.18.0.1 | 198.18.0.1, a reserved (benchmarking) address",
        "2001:db8::1 | 2001:db8::1, a reserved (documentation) address",
        "100::1 | 100::1, a reserved (discard-only) address",
        "64:ff9b:1::a00:1 | 64:ff9b:1::a00:1, a private (local-use NAT64) address",
        // embedded IPv4
        "::ffff:127.0.0.1 | ::ffff:127.0.0.1 (an IPv4-mapped form of 127.0.0.1), a loopback"
            + " address",
        "::ffff:169.254.169.254 | ::ffff:169.254.169.254 (an IPv4-mapped form of"
            + " 169.254.169.254), a link-local address (cloud metadata)",
        "::127.0.0.1 | ::7f00:1 (an IPv4-compatible form of 127.0.0.1), a loopback address",
        "64:ff9b::10.0.0.1 | 64:ff9b::a00:1 (a NAT64 form of 10.0.0.1), a private address",
        "2002:a9fe:a9fe::1 | 2002:a9fe:a9fe::1 (a 6to4 form of 169.254.169.254), a link-local"
            + " address (cloud metadata)",
        "2001:0:4136:e378:8000:63bf:f5ff:fffe | 2001:0:4136:e378:8000:63bf:f5ff:fffe (a Teredo"
            + " form of 10.0.0.1), a private address",
      })
  void refusesInternalAddresses(String literal, String expected) {
    Decision d = NO_ALLOW_LIST.check("storage.example.com", List.of(ip6OrIp(literal)));
    assertFalse(d.allowed(), d.reason());
    assertEquals(
        "The endpoint host 'storage.example.com' resolves to "
            + expected
            + "; such endpoints are refused unless an operator allow-lists them",
        d.reason());
  }

  private static InetAddress ip6OrIp(String literal) {
    return literal.indexOf(':') >= 0 ? ip6(literal) : ip(literal);
  }

  @Test
  void jdkConvertsMappedAddressesToIpv4AndTheyAreStillRefused() {
    InetAddress mapped = ip("::ffff:127.0.0.1");
    assertEquals(4, mapped.getAddress().length);
    Decision d = NO_ALLOW_LIST.check("x.example", List.of(mapped));
    assertFalse(d.allowed());
    assertTrue(d.reason().contains("127.0.0.1, a loopback address"), d.reason());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "93.184.216.34",
        "8.8.8.8",
        "1.1.1.1",
        "100.63.255.255",
        "100.128.0.0",
        "172.15.255.255",
        "172.32.0.0",
        "169.253.255.255",
        "192.167.255.255",
        "11.0.0.1",
        "126.255.255.255",
        "128.0.0.1",
        "223.255.255.255",
        "2606:4700::6810:84e5",
        "2a00:1450:4001:80b::200e",
        "::ffff:93.184.216.34",
        "64:ff9b::808:808",
        "2002:808:808::1",
        "fbff::1",
        "fe00::1"
      })
  void allowsPublicAddresses(String literal) {
    Decision d = NO_ALLOW_LIST.check("storage.example.com", List.of(ip6OrIp(literal)));
    assertTrue(d.allowed(), d.reason());
    assertEquals(
        "The endpoint host 'storage.example.com' resolves only to public addresses", d.reason());
  }

  @Test
  void anyInternalAddressRefusesTheHost() {
    Decision d =
        NO_ALLOW_LIST.check(
            "rebind.example", List.of(ip("93.184.216.34"), ip("169.254.169.254"), ip("8.8.8.8")));
    assertFalse(d.allowed());
    assertTrue(d.reason().contains("169.254.169.254"), d.reason());
  }

  @Test
  void unresolvedHostIsRefused() {
    Decision empty = NO_ALLOW_LIST.check("nowhere.example", List.of());
    assertFalse(empty.allowed());
    assertEquals("The endpoint host 'nowhere.example' could not be resolved", empty.reason());
    assertFalse(NO_ALLOW_LIST.check("nowhere.example", null).allowed());
    List<InetAddress> withNull = new ArrayList<>();
    withNull.add(null);
    assertFalse(NO_ALLOW_LIST.check("nowhere.example", withNull).allowed());
  }

  @Test
  void missingHostIsRefused() {
    assertEquals(
        new Decision(false, "The endpoint has no host name"),
        NO_ALLOW_LIST.check((String) null, List.of(ip("8.8.8.8"))));
    assertFalse(NO_ALLOW_LIST.check(" ", List.of(ip("8.8.8.8"))).allowed());
  }

  // ---- allow-list

  @Test
  void allowListedHostNameIsAllowedWhateverItResolvesTo() {
    EndpointGuard guard = new EndpointGuard(List.of("MinIO.Internal.Example"));
    Decision d = guard.check("minio.internal.example.", List.of(ip("10.0.0.5")));
    assertTrue(d.allowed(), d.reason());
    assertEquals(
        "The endpoint host 'minio.internal.example.' is allow-listed by an operator", d.reason());
    assertTrue(guard.check("MINIO.internal.example", List.of(ip("127.0.0.1"))).allowed());
    // exact match only: no suffix or subdomain matching
    assertFalse(guard.check("x.minio.internal.example", List.of(ip("10.0.0.5"))).allowed());
    assertFalse(guard.check("minio.internal.example.evil", List.of(ip("10.0.0.5"))).allowed());
  }

  @Test
  void everyRefusedAddressMustBeInsideAnAllowListedBlock() {
    EndpointGuard guard = new EndpointGuard(List.of("10.0.0.0/8", "::1/128"));
    Decision inside = guard.check("s3.corp", List.of(ip("10.1.2.3"), ip("93.184.216.34")));
    assertTrue(inside.allowed(), inside.reason());
    assertEquals(
        "The endpoint host 's3.corp' resolves to internal addresses that an operator allow-listed",
        inside.reason());
    assertTrue(guard.check("s3.corp", List.of(ip("::1"))).allowed());

    Decision partly = guard.check("s3.corp", List.of(ip("10.1.2.3"), ip("192.168.0.1")));
    assertFalse(partly.allowed());
    assertTrue(partly.reason().contains("192.168.0.1, a private address"), partly.reason());
    assertFalse(guard.check("s3.corp", List.of(ip("::2"))).allowed());
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1/32, 127.0.0.1, true",
    "127.0.0.1/32, 127.0.0.2, false",
    "10.0.0.0/8, 10.255.255.255, true",
    "10.0.0.0/8, 127.0.0.1, false",
    "172.16.0.0/12, 172.31.0.1, true",
    "172.16.0.0/12, 192.168.0.1, false",
    "192.168.1.0/25, 192.168.1.127, true",
    "192.168.1.0/25, 192.168.1.128, false",
    "10.1.2.3/8, 10.9.9.9, true",
    "0.0.0.0/0, 169.254.169.254, true",
    "10.0.0.5, 10.0.0.5, true",
    "10.0.0.5, 10.0.0.6, false",
    "fd00::/8, fd12:3456::1, true",
    "fd00::/8, fc00::1, false",
    "fe80::/10, febf::1, true",
    "::1/128, ::1, true",
    "[::1]/128, ::1, true",
    // an IPv4 block does not match IPv6 addresses except through an embedded IPv4
    "10.0.0.0/8, fd00::1, false",
    "127.0.0.0/8, ::ffff:127.0.0.1, true",
    "10.0.0.0/8, 64:ff9b::10.0.0.1, true",
    "::ffff:0:0/96, ::ffff:127.0.0.1, true",
  })
  void cidrMatching(String block, String address, boolean allowed) {
    EndpointGuard guard = new EndpointGuard(List.of(block));
    Decision d = guard.check("s3.corp", List.of(ip6OrIp(address)));
    assertEquals(allowed, d.allowed(), d.reason());
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.255.255.255, true",
    "10.0.0.0/8, 11.0.0.0, false",
    "10.0.0.0/8, 9.255.255.255, false",
    "172.16.0.0/12, 172.31.255.255, true",
    "172.16.0.0/12, 172.32.0.0, false",
    "100.64.0.0/10, 100.127.255.255, true",
    "100.64.0.0/10, 100.128.0.0, false",
    "0.0.0.0/0, 255.255.255.255, true",
    "1.2.3.4/32, 1.2.3.4, true",
    "1.2.3.4/32, 1.2.3.5, false",
    "2001:db8::/33, 2001:db8:7fff::1, true",
    "2001:db8::/33, 2001:db8:8000::1, false",
    "::/0, ffff::1, true",
    "::/0, 1.2.3.4, false",
    "0.0.0.0/0, ::1, false",
  })
  void cidrBoundaries(String block, String address, boolean contained) {
    assertEquals(contained, EndpointGuard.Cidr.parse(block).contains(bytes(address)));
  }

  @Test
  void blankEntriesAreSkippedAndConfigIsCommaSeparated() {
    EndpointGuard guard = EndpointGuard.fromConfig(" minio.local , 10.0.0.0/8 ,, ");
    assertTrue(guard.check("minio.local", List.of(ip("127.0.0.1"))).allowed());
    assertTrue(guard.check("other", List.of(ip("10.0.0.1"))).allowed());
    assertFalse(guard.check("other", List.of(ip("127.0.0.1"))).allowed());
    assertFalse(EndpointGuard.fromConfig(null).check("x", List.of(ip("10.0.0.1"))).allowed());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.0/33 | Invalid CIDR block '10.0.0.0/33' in the endpoint allow-list: the prefix"
            + " length must be at most 32",
        "::/129 | Invalid CIDR block '::/129' in the endpoint allow-list: the prefix length must"
            + " be at most 128",
        "10.0.0/8 | Invalid CIDR block '10.0.0/8' in the endpoint allow-list: expected e.g."
            + " 10.0.0.0/8 or fd00::/8",
        "010.0.0.0/8 | Invalid CIDR block '010.0.0.0/8' in the endpoint allow-list: expected e.g."
            + " 10.0.0.0/8 or fd00::/8",
        "10.0.0.0/ | Invalid CIDR block '10.0.0.0/' in the endpoint allow-list: expected e.g."
            + " 10.0.0.0/8 or fd00::/8",
        "10.0.0.0/-1 | Invalid CIDR block '10.0.0.0/-1' in the endpoint allow-list: expected"
            + " e.g. 10.0.0.0/8 or fd00::/8",
        "host.example/8 | Invalid CIDR block 'host.example/8' in the endpoint allow-list:"
            + " expected e.g. 10.0.0.0/8 or fd00::/8",
        "*.example.com | Invalid endpoint allow-list entry '*.example.com': expected a host"
            + " name, an IP address or a CIDR block such as 10.0.0.0/8",
        "http://minio:9000 | Invalid endpoint allow-list entry 'http://minio:9000': expected a"
            + " host name, an IP address or a CIDR block such as 10.0.0.0/8",
        "1::2::3 | Invalid endpoint allow-list entry '1::2::3': expected a host name, an IP"
            + " address or a CIDR block such as 10.0.0.0/8",
      })
  void invalidAllowListEntries(String entry, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new EndpointGuard(List.of(entry)));
    assertEquals(message, e.getMessage());
  }

  // ---- URI convenience

  @Test
  void uriWithHostNameUsesTheResolver() {
    List<String> asked = new ArrayList<>();
    HostResolver resolver =
        host -> {
          asked.add(host);
          return List.of(ip("169.254.169.254"));
        };
    Decision d = NO_ALLOW_LIST.check(URI.create("https://metadata.example:9000"), resolver);
    assertEquals(List.of("metadata.example"), asked);
    assertFalse(d.allowed());
    assertEquals(
        "The endpoint host 'metadata.example' resolves to 169.254.169.254, a link-local address"
            + " (cloud metadata); such endpoints are refused unless an operator allow-lists them",
        d.reason());
  }

  @Test
  void uriWithPublicResolution() {
    Decision d =
        NO_ALLOW_LIST.check(
            URI.create("https://acct.eu.r2.cloudflarestorage.com"),
            host -> List.of(ip("104.18.1.1"), ip("2606:4700::6812:101")));
    assertTrue(d.allowed(), d.reason());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://127.0.0.1:9000 | The endpoint address 127.0.0.1 is a loopback address",
        "http://[::1]:9000 | The endpoint address ::1 is a loopback address",
        "http://10.0.0.5 | The endpoint address 10.0.0.5 is a private address",
        "http://[fd00:ec2::254] | The endpoint address fd00:ec2::254 is a private (unique local)"
            + " address",
      })
  void uriWithLiteralAddressIsNotResolved(String uri, String reason) {
    Decision d = NO_ALLOW_LIST.check(URI.create(uri), NO_DNS);
    assertFalse(d.allowed());
    assertEquals(
        reason + "; such endpoints are refused unless an operator allow-lists them", d.reason());
  }

  @Test
  void uriWithPublicLiteralIsAllowedWithoutResolution() {
    assertTrue(NO_ALLOW_LIST.check(URI.create("https://93.184.216.34"), NO_DNS).allowed());
  }

  @Test
  void uriWithAllowListedHostIsNotResolved() {
    EndpointGuard guard = new EndpointGuard(List.of("minio"));
    Decision d = guard.check(URI.create("http://MINIO:9000"), NO_DNS);
    assertTrue(d.allowed(), d.reason());
  }

  @Test
  void uriWithAllowListedLiteral() {
    EndpointGuard guard = new EndpointGuard(List.of("127.0.0.1/32"));
    assertTrue(guard.check(URI.create("http://127.0.0.1:9000"), NO_DNS).allowed());
    assertFalse(guard.check(URI.create("http://127.0.0.2:9000"), NO_DNS).allowed());
  }

  @Test
  void uriThatDoesNotResolve() {
    Decision d =
        NO_ALLOW_LIST.check(
            URI.create("https://nowhere.invalid"),
            host -> {
              throw new UnknownHostException(host);
            });
    assertEquals(
        new Decision(false, "The endpoint host 'nowhere.invalid' could not be resolved"), d);
    assertFalse(NO_ALLOW_LIST.check(URI.create("https://empty.example"), h -> List.of()).allowed());
  }

  @Test
  void uriWithoutHost() {
    assertEquals(
        new Decision(false, "The endpoint has no host name"),
        NO_ALLOW_LIST.check(URI.create("file:///etc/passwd"), NO_DNS));
    assertFalse(NO_ALLOW_LIST.check((URI) null, NO_DNS).allowed());
  }

  // ---------------------------------------------------------------- https only

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://s3.example.com",
        "http://93.184.216.34:9000",
        "ftp://s3.example.com",
        "http://127.0.0.2:9000",
        "http://minio.internal:9000"
      })
  void plainHttpIsRefusedUnlessTheHostIsAllowListed(String uri) {
    EndpointGuard guard = new EndpointGuard(List.of("127.0.0.1/32", "minio"));
    Decision d = guard.checkScheme(URI.create(uri));
    assertFalse(d.allowed(), uri);
    assertTrue(d.reason().startsWith("The endpoint must use https://"), d.reason());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://s3.example.com",
        "HTTPS://s3.example.com",
        "http://127.0.0.1:8333",
        "http://MINIO:9000",
        "http://minio.:9000",
        "http://[::1]:9000"
      })
  void httpsOrAnAllowListedHost(String uri) {
    EndpointGuard guard = new EndpointGuard(List.of("127.0.0.1/32", "minio", "::1/128"));
    Decision d = guard.checkScheme(URI.create(uri));
    assertTrue(d.allowed(), uri + ": " + d.reason());
  }

  @Test
  void aPublicHttpEndpointIsRefusedForItsScheme() {
    Decision d = NO_ALLOW_LIST.check(URI.create("http://93.184.216.34"), NO_DNS);
    assertFalse(d.allowed());
    assertTrue(d.reason().contains("https://"), d.reason());
    assertTrue(NO_ALLOW_LIST.check(URI.create("https://93.184.216.34"), NO_DNS).allowed());
  }

  @Test
  void anAllowListedHttpEndpointPassesBothRules() {
    EndpointGuard guard = new EndpointGuard(List.of("127.0.0.1/32"));
    assertTrue(guard.check(URI.create("http://127.0.0.1:8333"), NO_DNS).allowed());
  }
}
