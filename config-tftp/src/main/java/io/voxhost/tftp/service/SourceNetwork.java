package io.voxhost.tftp.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CIDR block such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}: where a site's phones are.
 */
public record SourceNetwork(byte[] prefix, int bits) {

  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

  /** The block's canonical text, as PostgreSQL's {@code cidr} prints it. */
  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(prefix).getHostAddress() + "/" + bits;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code address/bits} with a numeric address (never a host name: no DNS lookup) and no bits set
   * past the prefix; empty when it is not one.
   */
  public static Optional<SourceNetwork> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    if (host.isEmpty() || !LITERAL.matcher(host).matches()) {
      return Optional.empty();
    }
    byte[] address;
    try {
      address = InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    int max = address.length * 8;
    int bits;
    try {
      bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (bits < 0 || bits > max) {
      return Optional.empty();
    }
    SourceNetwork network = new SourceNetwork(address, bits);
    // As PostgreSQL's cidr: 10.1.2.3/8 is a mistake, not 10.0.0.0/8.
    return network.matches(address) && hostBitsClear(address, bits)
        ? Optional.of(network)
        : Optional.empty();
  }

  public boolean contains(InetAddress address) {
    return matches(address.getAddress());
  }

  private boolean matches(byte[] other) {
    if (other.length != prefix.length) {
      return false;
    }
    int full = bits / 8;
    for (int i = 0; i < full; i++) {
      if (other[i] != prefix[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (other[full] & mask) == (prefix[full] & mask);
  }

  private static boolean hostBitsClear(byte[] address, int bits) {
    for (int i = 0; i < address.length; i++) {
      int keep = Math.max(0, Math.min(8, bits - i * 8));
      int hostMask = keep == 8 ? 0 : (0xff >> keep);
      if ((address[i] & hostMask) != 0) {
        return false;
      }
    }
    return true;
  }
}
