package io.voxhost.recording.codec;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The address or network a leg's RTP must come from: {@code 192.0.2.10}, {@code 192.0.2.0/24},
 * {@code 2001:db8::/32}. Only literals are read: a host name would need a DNS lookup on the request
 * path and would let whoever controls that name choose who may speak on the leg.
 *
 * @param network the address, its bits past the prefix cleared
 * @param prefixLength how many leading bits a source must share with it (32 or 128 for one address)
 */
public record SourceNetwork(InetAddress network, int prefixLength) {

  /** The longest text read: an IPv6 literal with an embedded IPv4 one and a prefix. */
  private static final int MAX_TEXT = 64;

  public SourceNetwork {
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("a prefix length of 0 to " + bits);
    }
    network = masked(network, prefixLength);
  }

  /**
   * Reads {@code address} or {@code address/prefix}.
   *
   * @throws IllegalArgumentException saying what was expected, when {@code text} is not one
   */
  public static SourceNetwork parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("an IP address or network such as 192.0.2.0/24");
    }
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
    if (bytes == null || host.indexOf('%') >= 0) {
      throw new IllegalArgumentException(
          "an IP address literal (no host name, no zone) or network such as 192.0.2.0/24");
    }
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String digits = text.substring(slash + 1);
      if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("a prefix length of 0 to " + bits + " after the /");
      }
      prefix = Integer.parseInt(digits);
    }
    try {
      return new SourceNetwork(InetAddress.getByAddress(bytes), prefix);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("an IPv4 or IPv6 address", e); // not 4 or 16 bytes
    }
  }

  /** Whether {@code source} is in this network (an IPv4 source never is in an IPv6 one). */
  public boolean contains(InetAddress source) {
    byte[] want = network.getAddress();
    byte[] have = unmapped(source.getAddress());
    if (want.length != have.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (want[i] != have[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (want[full] & mask) == (have[full] & mask);
  }

  /**
   * An IPv4 source as a dual-stack socket may report it ({@code ::ffff:a.b.c.d}): its four bytes.
   */
  private static byte[] unmapped(byte[] address) {
    if (address.length != 16) {
      return address;
    }
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return address;
      }
    }
    if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
      return address;
    }
    return new byte[] {address[12], address[13], address[14], address[15]};
  }

  private static InetAddress masked(InetAddress address, int prefixLength) {
    byte[] bytes = address.getAddress();
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefixLength - 8 * i));
      bytes[i] &= (byte) ((0xff << (8 - keep)) & 0xff);
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public String toString() {
    String host = NetUtil.toAddressString(network);
    return prefixLength == network.getAddress().length * 8 ? host : host + "/" + prefixLength;
  }
}
