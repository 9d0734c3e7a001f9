package com.warehouseexport.core.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a custom S3 endpoint may be contacted, so that an administrator cannot point the
 * server at internal addresses (server-side request forgery).
 *
 * <p>An endpoint is <b>refused</b> when <em>any</em> of its addresses is internal or special:
 * unspecified ({@code 0.0.0.0}, {@code ::}), "this network" {@code 0/8}, loopback ({@code 127/8},
 * {@code ::1}), private ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, {@code fc00::/7},
 * deprecated site-local {@code fec0::/10}, local-use NAT64 {@code 64:ff9b:1::/48}), carrier-grade
 * NAT {@code 100.64/10}, link-local ({@code 169.254/16} — cloud metadata — and {@code fe80::/10}),
 * multicast ({@code 224/4}, {@code ff00::/8}), broadcast {@code 255.255.255.255}, reserved ({@code
 * 240/4}, {@code 192.0.0/24}, benchmarking {@code 198.18/15}, documentation ranges, discard-only
 * {@code 100::/64}). IPv6 forms that embed an IPv4 address — IPv4-mapped {@code ::ffff:0:0/96},
 * IPv4-compatible {@code ::/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16} and Teredo
 * {@code 2001::/32} (client address) — are judged by the embedded address.
 *
 * <p>It is nevertheless <b>allowed</b> when the host name is on the operator's allow-list (exact,
 * case-insensitive, trailing dot ignored), or when every refused address lies in an allow-listed
 * CIDR block (an embedded IPv4 address also matches IPv4 blocks). A host that does not resolve is
 * refused.
 *
 * <p>The decision holds for the addresses it was given. To avoid DNS rebinding, the caller must
 * connect to those same addresses (e.g. via the HTTP client's DNS resolver hook calling this
 * guard), not resolve the name again.
 *
 * <p>Instances are immutable and thread-safe. Nothing here performs DNS look-ups or connects,
 * except a {@link HostResolver} the caller passes in.
 */
public final class EndpointGuard {

  /**
   * The outcome of a check.
   *
   * @param allowed whether the endpoint may be contacted
   * @param reason a sentence for an administrator explaining the decision
   */
  public record Decision(boolean allowed, String reason) {
    public Decision {
      Objects.requireNonNull(reason, "reason");
    }

    static Decision allow(String reason) {
      return new Decision(true, reason);
    }

    static Decision refuse(String reason) {
      return new Decision(false, reason);
    }
  }

  private static final String REFUSED_SUFFIX =
      "; such endpoints are refused unless an operator allow-lists them";
  private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_-]+(?:\\.[a-z0-9_-]+)*");

  private final Set<String> allowedHosts;
  private final List<Cidr> allowedBlocks;

  /**
   * @param allowList host names (matched exactly, case-insensitively) and CIDR blocks such as
   *     {@code 10.0.0.0/8}, {@code ::1/128}; a bare IP address counts as a single-address block;
   *     host bits of a block are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}); blank entries
   *     are skipped
   * @throws IllegalArgumentException for an entry that is neither
   */
  public EndpointGuard(List<String> allowList) {
    Objects.requireNonNull(allowList, "allowList");
    Set<String> hosts = new LinkedHashSet<>();
    List<Cidr> blocks = new ArrayList<>();
    for (String raw : allowList) {
      if (raw == null || raw.isBlank()) {
        continue;
      }
      String entry = raw.strip();
      if (entry.indexOf('/') >= 0 && !entry.contains("://")) {
        blocks.add(Cidr.parse(entry));
        continue;
      }
      byte[] literal = IpAddresses.parseLiteral(entry);
      if (literal != null) {
        blocks.add(new Cidr(literal, literal.length * 8));
        continue;
      }
      String host = normalizeHost(entry);
      if (!HOST_NAME.matcher(host).matches()) {
        throw new IllegalArgumentException(
            "Invalid endpoint allow-list entry '"
                + entry
                + "': expected a host name, an IP address or a CIDR block such as 10.0.0.0/8");
      }
      hosts.add(host);
    }
    this.allowedHosts = Set.copyOf(hosts);
    this.allowedBlocks = List.copyOf(blocks);
  }

  /** A guard from a comma-separated server setting; null or blank means an empty allow-list. */
  public static EndpointGuard fromConfig(String commaSeparated) {
    if (commaSeparated == null) {
      return new EndpointGuard(List.of());
    }
    return new EndpointGuard(List.of(commaSeparated.split(",")));
  }

  /**
   * Checks an endpoint URI: an IP-literal host is checked as is (no resolution); an allow-listed
   * host name is allowed without resolution; any other host is resolved with {@code resolver}.
   */
  public Decision check(URI endpoint, HostResolver resolver) {
    Decision addresses = checkAddresses(endpoint, resolver);
    if (!addresses.allowed()) {
      return addresses;
    }
    Decision scheme = checkScheme(endpoint);
    return scheme.allowed() ? addresses : scheme;
  }

  /**
   * The transport rule: an endpoint must use {@code https://}; plain {@code http://} is accepted
   * only when its host is allow-listed — a host name on the allow-list (exact, case-insensitive),
   * or an IP-literal host inside an allow-listed CIDR block. A host name that merely resolves into
   * an allow-listed block does not count. No resolution happens here.
   */
  public Decision checkScheme(URI endpoint) {
    if (endpoint == null || endpoint.getHost() == null || endpoint.getHost().isEmpty()) {
      return Decision.refuse("The endpoint has no host name");
    }
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return Decision.allow("The endpoint uses https://");
    }
    String host = endpoint.getHost();
    if (scheme.equals("http")) {
      if (allowedHosts.contains(normalizeHost(host))) {
        return Decision.allow(
            "The endpoint host '" + host + "' is allow-listed by an operator for plain http://");
      }
      byte[] literal = IpAddresses.parseLiteral(normalizeHost(host));
      if (literal != null && isAllowListed(literal, null)) {
        return Decision.allow(
            "The endpoint address " + host + " is allow-listed by an operator for plain http://");
      }
    }
    return Decision.refuse(
        "The endpoint must use https:// (plain http:// sends the access keys' signatures and the"
            + " data unencrypted); only hosts an operator allow-lists (S3_ENDPOINT_ALLOWLIST) may"
            + " use http://");
  }

  /**
   * Whether an operator put this very host on the allow-list: a host name on it (exact,
   * case-insensitive, trailing dot ignored), or an IP-literal host inside an allow-listed block. A
   * host name that merely resolves into a block does not count. No resolution happens here. (The
   * rule behind plain {@code http://} endpoints, and behind a PostgreSQL destination's TLS mode
   * {@code disable} with its own allow-list.)
   */
  public boolean listsHost(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String normalized = normalizeHost(host);
    if (allowedHosts.contains(normalized)) {
      return true;
    }
    byte[] literal = IpAddresses.parseLiteral(normalized);
    return literal != null && isAllowListed(literal, null);
  }

  /** Whether {@code host} is an IPv4 or IPv6 address literal (IPv6 without brackets). */
  public static boolean isAddressLiteral(String host) {
    return host != null && IpAddresses.parseLiteral(host.strip()) != null;
  }

  private Decision checkAddresses(URI endpoint, HostResolver resolver) {
    Objects.requireNonNull(resolver, "resolver");
    if (endpoint == null || endpoint.getHost() == null || endpoint.getHost().isEmpty()) {
      return Decision.refuse("The endpoint has no host name");
    }
    String host = endpoint.getHost();
    if (allowedHosts.contains(normalizeHost(host))) {
      return allowedHost(host);
    }
    byte[] literal = IpAddresses.parseLiteral(host);
    List<InetAddress> addresses;
    if (literal != null) {
      try {
        addresses = List.of(InetAddress.getByAddress(literal));
      } catch (UnknownHostException e) {
        throw new IllegalStateException("unreachable: literal of valid length", e);
      }
    } else {
      try {
        addresses = resolver.resolve(host);
      } catch (UnknownHostException e) {
        addresses = List.of();
      }
    }
    return check(host, addresses);
  }

  /**
   * Decides for a host and the addresses it resolved to.
   *
   * @param host the endpoint host as configured (brackets of IPv6 literals are ignored)
   * @param resolvedAddresses all addresses the host resolved to; empty or null when unresolved
   */
  public Decision check(String host, List<InetAddress> resolvedAddresses) {
    if (host == null || host.isBlank()) {
      return Decision.refuse("The endpoint has no host name");
    }
    String display = host.strip();
    if (allowedHosts.contains(normalizeHost(display))) {
      return allowedHost(display);
    }
    if (resolvedAddresses == null
        || resolvedAddresses.isEmpty()
        || resolvedAddresses.stream().anyMatch(Objects::isNull)) {
      return Decision.refuse("The endpoint host '" + display + "' could not be resolved");
    }
    boolean anyInternal = false;
    for (InetAddress address : resolvedAddresses) {
      byte[] bytes = address.getAddress();
      Classification c = classify(bytes);
      if (c == null) {
        continue;
      }
      anyInternal = true;
      if (isAllowListed(bytes, c.embeddedIpv4)) {
        continue;
      }
      return Decision.refuse(describe(display, bytes, c) + REFUSED_SUFFIX);
    }
    if (anyInternal) {
      return Decision.allow(
          "The endpoint host '"
              + display
              + "' resolves to internal addresses that an operator allow-listed");
    }
    return Decision.allow("The endpoint host '" + display + "' resolves only to public addresses");
  }

  // ---------------------------------------------------------------- classification

  /** Why an address is refused; {@code embeddedIpv4} when it was judged by an embedded address. */
  private record Classification(String category, String embeddingForm, byte[] embeddedIpv4) {}

  /** The refusal category of an address, or null for an ordinary public address. */
  private static Classification classify(byte[] a) {
    if (a.length == 4) {
      String category = classifyIpv4(a);
      return category == null ? null : new Classification(category, null, null);
    }
    String form = null;
    byte[] embedded = null;
    if (IpAddresses.isPrefix(a, IpAddresses.MAPPED_PREFIX, 96)) {
      form = "an IPv4-mapped form";
      embedded = slice(a, 12);
    } else if (IpAddresses.isPrefix(a, new byte[12], 96)) {
      if (isZero(a, 12, 15) && (a[15] == 0 || a[15] == 1)) {
        return new Classification(
            a[15] == 0 ? "an unspecified address" : "a loopback address", null, null);
      }
      form = "an IPv4-compatible form";
      embedded = slice(a, 12);
    } else if (IpAddresses.isPrefix(a, NAT64, 96)) {
      form = "a NAT64 form";
      embedded = slice(a, 12);
    } else if (IpAddresses.isPrefix(a, SIX_TO_FOUR, 16)) {
      form = "a 6to4 form";
      embedded = slice(a, 2);
    } else if (IpAddresses.isPrefix(a, TEREDO, 32)) {
      form = "a Teredo form";
      embedded = slice(a, 12);
      for (int i = 0; i < 4; i++) {
        embedded[i] = (byte) ~embedded[i];
      }
    }
    if (embedded != null) {
      String category = classifyIpv4(embedded);
      return category == null ? null : new Classification(category, form, embedded);
    }
    String category = classifyIpv6(a);
    return category == null ? null : new Classification(category, null, null);
  }

  private static final byte[] NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  private static final byte[] NAT64_LOCAL = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 1};
  private static final byte[] SIX_TO_FOUR = {0x20, 0x02};
  private static final byte[] TEREDO = {0x20, 0x01, 0, 0};
  private static final byte[] DOCUMENTATION_V6 = {0x20, 0x01, 0x0d, (byte) 0xb8};
  private static final byte[] DISCARD_V6 = {0x01, 0, 0, 0, 0, 0, 0, 0};

  private static String classifyIpv4(byte[] a) {
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    int b2 = a[2] & 0xff;
    if (b0 == 0) {
      return isZero(a, 0, 4) ? "an unspecified address" : "a reserved ('this network') address";
    }
    if (b0 == 127) {
      return "a loopback address";
    }
    if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)) {
      return "a private address";
    }
    if (b0 == 100 && (b1 & 0xc0) == 64) {
      return "a carrier-grade NAT (shared) address";
    }
    if (b0 == 169 && b1 == 254) {
      return "a link-local address (cloud metadata)";
    }
    if (b0 == 192 && b1 == 0 && b2 == 0) {
      return "a reserved (IETF protocol) address";
    }
    if ((b0 == 192 && b1 == 0 && b2 == 2)
        || (b0 == 198 && b1 == 51 && b2 == 100)
        || (b0 == 203 && b1 == 0 && b2 == 113)) {
      return "a reserved (documentation) address";
    }
    if (b0 == 198 && (b1 & 0xfe) == 18) {
      return "a reserved (benchmarking) address";
    }
    if (b0 >= 224 && b0 <= 239) {
      return "a multicast address";
    }
    if (b0 == 255 && b1 == 255 && b2 == 255 && (a[3] & 0xff) == 255) {
      return "the broadcast address";
    }
    if (b0 >= 240) {
      return "a reserved address";
    }
    return null;
  }

  private static String classifyIpv6(byte[] a) {
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    if (b0 == 0xff) {
      return "a multicast address";
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      return "a link-local address";
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
      return "a site-local (private) address";
    }
    if ((b0 & 0xfe) == 0xfc) {
      return "a private (unique local) address";
    }
    if (IpAddresses.isPrefix(a, NAT64_LOCAL, 48)) {
      return "a private (local-use NAT64) address";
    }
    if (IpAddresses.isPrefix(a, DOCUMENTATION_V6, 32)) {
      return "a reserved (documentation) address";
    }
    if (IpAddresses.isPrefix(a, DISCARD_V6, 64)) {
      return "a reserved (discard-only) address";
    }
    return null;
  }

  private boolean isAllowListed(byte[] address, byte[] embeddedIpv4) {
    for (Cidr block : allowedBlocks) {
      if (block.contains(address) || (embeddedIpv4 != null && block.contains(embeddedIpv4))) {
        return true;
      }
    }
    return false;
  }

  private static String describe(String host, byte[] address, Classification c) {
    String formatted = IpAddresses.format(address);
    String what =
        c.embeddingForm == null
            ? formatted
            : formatted
                + " ("
                + c.embeddingForm
                + " of "
                + IpAddresses.format(c.embeddedIpv4)
                + ")";
    byte[] literal = IpAddresses.parseLiteral(host);
    if (literal != null && java.util.Arrays.equals(literal, address)) {
      return "The endpoint address " + what + " is " + c.category;
    }
    return "The endpoint host '" + host + "' resolves to " + what + ", " + c.category;
  }

  private static Decision allowedHost(String host) {
    return Decision.allow("The endpoint host '" + host + "' is allow-listed by an operator");
  }

  private static String normalizeHost(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  private static byte[] slice(byte[] a, int from) {
    return new byte[] {a[from], a[from + 1], a[from + 2], a[from + 3]};
  }

  private static boolean isZero(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "EndpointGuard[hosts=" + allowedHosts + ", blocks=" + allowedBlocks + "]";
  }

  // ---------------------------------------------------------------- CIDR

  /** An address block; matches only addresses of the same family (length). */
  record Cidr(byte[] network, int prefixLength) {

    static Cidr parse(String entry) {
      int slash = entry.indexOf('/');
      byte[] address = IpAddresses.parseLiteral(entry.substring(0, slash).strip());
      String bits = entry.substring(slash + 1).strip();
      if (address == null || !bits.matches("[0-9]{1,3}")) {
        throw new IllegalArgumentException(
            "Invalid CIDR block '"
                + entry
                + "' in the endpoint allow-list: expected e.g. 10.0.0.0/8 or fd00::/8");
      }
      int prefix = Integer.parseInt(bits);
      if (prefix > address.length * 8) {
        throw new IllegalArgumentException(
            "Invalid CIDR block '"
                + entry
                + "' in the endpoint allow-list: the prefix length must be at most "
                + address.length * 8);
      }
      return new Cidr(address, prefix);
    }

    boolean contains(byte[] address) {
      return address.length == network.length
          && IpAddresses.isPrefix(address, network, prefixLength);
    }

    @Override
    public String toString() {
      return IpAddresses.format(network) + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cidr c
          && prefixLength == c.prefixLength
          && java.util.Arrays.equals(network, c.network);
    }

    @Override
    public int hashCode() {
      return 31 * java.util.Arrays.hashCode(network) + prefixLength;
    }
  }
}
