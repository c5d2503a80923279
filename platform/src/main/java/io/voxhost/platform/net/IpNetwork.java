package io.voxhost.platform.net;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}); a bare
 * address is its own /32 or /128. Tenants name their sources with these: a site's phones, a SIP
 * peer, a leg's media server. Only literals are read: a host name would need a DNS lookup on a
 * request's path and would let whoever controls the name choose who is trusted. An IPv4-mapped IPv6
 * address ({@code ::ffff:192.0.2.1}, what a dual-stack socket reports) is its IPv4 address.
 *
 * @param address the network's address, its bits past the prefix cleared (4 or 16 bytes)
 * @param prefixLength how many leading bits an address must share with it
 */
public record IpNetwork(byte[] address, int prefixLength) {

  /** The longest text read: an IPv6 literal with an embedded IPv4 one and a prefix. */
  private static final int MAX_TEXT = 64;

  public IpNetwork {
    address = unmapped(address.clone());
    int bits = address.length * 8;
    if (address.length != 4 && address.length != 16) {
      throw new IllegalArgumentException("an address has 4 or 16 bytes");
    }
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("the prefix after / must be 0 to " + bits);
    }
    mask(address, prefixLength);
  }

  /**
   * Reads {@code address} or {@code address/prefix} (spaces around it are dropped); an address with
   * bits set past its prefix is taken as its network ({@code 192.0.2.7/24} is {@code
   * 192.0.2.0/24}).
   *
   * @throws IllegalArgumentException saying what was expected, when {@code text} is not one
   */
  public static IpNetwork parse(String text) {
    if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          "an IPv4 or IPv6 address, optionally /prefix, such as 192.0.2.0/24");
    }
    String s = text.strip();
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    byte[] bytes = literal(host);
    int bits = unmapped(bytes).length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String digits = s.substring(slash + 1);
      if (!digits.matches("[0-9]{1,3}") || Integer.parseInt(digits) > bits) {
        throw new IllegalArgumentException("the prefix after / must be 0 to " + bits);
      }
      prefix = Integer.parseInt(digits);
    }
    return new IpNetwork(bytes, prefix);
  }

  /**
   * As {@link #parse}, but an address with bits set past its prefix is refused, as PostgreSQL's
   * {@code cidr} refuses it: {@code 10.1.2.3/8} is more likely a typing mistake than {@code
   * 10.0.0.0/8}.
   */
  public static IpNetwork parseExact(String text) {
    IpNetwork network = parse(text);
    String s = text.strip();
    int slash = s.indexOf('/');
    byte[] given = unmapped(literal(slash < 0 ? s : s.substring(0, slash)));
    if (!Arrays.equals(given, network.address)) {
      throw new IllegalArgumentException("bits are set past the prefix: the network is " + network);
    }
    return network;
  }

  @Override
  public byte[] address() {
    return address.clone();
  }

  /** Whether {@code source} lies inside (an IPv4 address never lies in an IPv6 network). */
  public boolean contains(InetAddress source) {
    byte[] have = unmapped(source.getAddress());
    if (have.length != address.length) {
      return false;
    }
    mask(have, prefixLength);
    return Arrays.equals(have, address);
  }

  /**
   * The addresses one host is taken to hold when its failures are counted: {@code address} alone
   * for IPv4, its /64 for IPv6. A host is routed a whole /64, and counted by /128 it could guess
   * from a fresh address every time.
   */
  public static IpNetwork hostBlock(InetAddress address) {
    byte[] bytes = unmapped(address.getAddress());
    return new IpNetwork(bytes, bytes.length * 8).hostBlock();
  }

  /** This network widened to its host block: an IPv6 network longer than /64 becomes its /64. */
  public IpNetwork hostBlock() {
    return address.length == 16 && prefixLength > 64 ? new IpNetwork(address, 64) : this;
  }

  /** Whether this is one address (a /32 or a /128). */
  public boolean isSingleAddress() {
    return prefixLength == address.length * 8;
  }

  /** The address alone for a single address, else the CIDR: what a person would write. */
  public String literal() {
    return isSingleAddress() ? addressText() : toString();
  }

  /** The canonical CIDR: the address as RFC 5952 writes it, and the prefix, always. */
  @Override
  public String toString() {
    return addressText() + "/" + prefixLength;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpNetwork n
        && n.prefixLength == prefixLength
        && Arrays.equals(n.address, address);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(address) + prefixLength;
  }

  private String addressText() {
    try {
      return NetUtil.toAddressString(InetAddress.getByAddress(address));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // 4 or 16 bytes, checked in the constructor
    }
  }

  /** The bytes of an address literal; never a lookup. */
  private static byte[] literal(String host) {
    // Netty would take "[::1]" and "fe80::1%eth0"; a zone names an interface of ours, not a
    // network of theirs, and brackets belong to URIs.
    byte[] bytes =
        host.isEmpty() || host.indexOf('%') >= 0 || host.indexOf('[') >= 0
            ? null
            : NetUtil.createByteArrayFromIpAddressString(host);
    if (bytes == null) {
      throw new IllegalArgumentException(
          "'" + host + "' is not an IPv4 or IPv6 address (no host names, no zones)");
    }
    return bytes;
  }

  private static byte[] unmapped(byte[] a) {
    if (a.length != 16) {
      return a;
    }
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return a;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff ? Arrays.copyOfRange(a, 12, 16) : a;
  }

  private static void mask(byte[] bytes, int prefix) {
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      bytes[i] &= (byte) ((0xff << (8 - keep)) & 0xff);
    }
  }
}
