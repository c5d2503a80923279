package io.voxhost.sip.service;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * A source network in CIDR notation, IPv4 or IPv6, with the address masked to its prefix: {@code
 * 192.0.2.7/24} is held (and shown) as {@code 192.0.2.0/24}. A bare address is its own /32 or /128.
 * Only IP literals are read, never host names: parsing must not ask DNS.
 */
public record PeerNetwork(byte[] network, int prefix) {

  public PeerNetwork {
    network = network.clone();
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("an address has 4 or 16 bytes");
    }
    if (prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException("prefix out of range");
    }
    mask(network, prefix);
  }

  /**
   * Reads {@code address} or {@code address/prefix}.
   *
   * @throws IllegalArgumentException naming the problem when {@code text} is no CIDR
   */
  public static PeerNetwork parse(String text) {
    Parsed parsed = parseOrProblem(text);
    return parsed.network().orElseThrow(() -> new IllegalArgumentException(parsed.problem()));
  }

  /** What {@link #parse} would make of {@code text}, or why it refuses it. */
  public static Parsed parseOrProblem(String text) {
    if (text == null || text.isBlank()) {
      return Parsed.problem("an IPv4 or IPv6 address, optionally /prefix, such as 192.0.2.0/24");
    }
    String s = text.strip();
    int slash = s.indexOf('/');
    String address = slash < 0 ? s : s.substring(0, slash);
    // Zone ids (fe80::1%eth0) name an interface of the sender, not a network of the peer.
    if (address.indexOf('%') >= 0 || !InetAddresses.isInetAddress(address)) {
      return Parsed.problem("'" + address + "' is not an IPv4 or IPv6 address");
    }
    byte[] bytes = InetAddresses.forString(address).getAddress();
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      String digits = s.substring(slash + 1);
      if (!digits.matches("[0-9]{1,3}") || Integer.parseInt(digits) > max) {
        return Parsed.problem("the prefix after / must be 0 to " + max);
      }
      prefix = Integer.parseInt(digits);
    }
    return new Parsed(Optional.of(new PeerNetwork(bytes, prefix)), null);
  }

  /** A parse: the network, or else the problem. */
  public record Parsed(Optional<PeerNetwork> network, String problem) {
    static Parsed problem(String problem) {
      return new Parsed(Optional.empty(), problem);
    }
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  /**
   * Whether {@code address} lies inside. An IPv4-mapped IPv6 address (::ffff:192.0.2.1, what a
   * dual-stack socket reports) is matched as the IPv4 address it carries.
   */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
      a = Arrays.copyOfRange(a, 12, 16);
    }
    if (a.length != network.length) {
      return false;
    }
    mask(a, prefix);
    return Arrays.equals(a, network);
  }

  /** The canonical text: the masked address and the prefix, {@code 2001:db8::/32}. */
  @Override
  public String toString() {
    try {
      InetAddress address = InetAddress.getByAddress(network);
      String text =
          address instanceof Inet4Address
              ? address.getHostAddress()
              : InetAddresses.toAddrString(address);
      return text + "/" + prefix;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e); // 4 or 16 bytes, checked in the constructor
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerNetwork p && p.prefix == prefix && Arrays.equals(p.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  private static void mask(byte[] bytes, int prefix) {
    for (int i = 0; i < bytes.length; i++) {
      int bits = Math.max(0, Math.min(8, prefix - i * 8));
      bytes[i] &= (byte) (0xff << (8 - bits));
    }
  }
}
