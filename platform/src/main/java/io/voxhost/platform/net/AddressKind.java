package io.voxhost.platform.net;

import java.net.InetAddress;

/**
 * What an IP address reaches, for deciding whether the node may send a tenant's traffic there: only
 * {@link #PUBLIC} is on the internet; every other kind reaches the node itself, its network or
 * nothing routable. IPv6 forms that carry an IPv4 address (mapped, compatible, translated, NAT64,
 * 6to4) are judged by that IPv4 address, since that is where a connection ends up.
 */
public enum AddressKind {
  PUBLIC("a public address"),
  LOOPBACK("a loopback address"),
  UNSPECIFIED("the unspecified address (this host)"),
  PRIVATE("a private address (RFC 1918, site-local)"),
  UNIQUE_LOCAL("a unique local address (RFC 4193)"),
  SHARED("a carrier-grade NAT address (RFC 6598, 100.64.0.0/10)"),
  LINK_LOCAL("a link-local address (including the cloud metadata address)"),
  MULTICAST("a multicast or broadcast address"),
  RESERVED("a reserved, documentation or unrouted address");

  private final String description;

  AddressKind(String description) {
    this.description = description;
  }

  /** For messages: "a loopback address". */
  public String description() {
    return description;
  }

  public boolean isPublic() {
    return this == PUBLIC;
  }

  /** The kind of {@code address}. */
  public static AddressKind of(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 ? ofV4(b) : ofV6(b);
  }

  private static AddressKind ofV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 0) {
      // Linux connects 0.0.0.0 (and treats the rest of 0/8 as "this network") to the host itself.
      return UNSPECIFIED;
    }
    if (a0 == 127) {
      return LOOPBACK;
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return PRIVATE;
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return SHARED;
    }
    if (a0 == 169 && a1 == 254) {
      return LINK_LOCAL;
    }
    if (a0 >= 224 && a0 <= 239) {
      return MULTICAST;
    }
    if (a0 >= 240) {
      return a0 == 255 && a1 == 255 && a2 == 255 && (b[3] & 0xff) == 255 ? MULTICAST : RESERVED;
    }
    if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
        || (a0 == 192 && a1 == 88 && a2 == 99)
        || (a0 == 198 && (a1 & 0xfe) == 18)
        || (a0 == 198 && a1 == 51 && a2 == 100)
        || (a0 == 203 && a1 == 0 && a2 == 113)) {
      return RESERVED;
    }
    return PUBLIC;
  }

  private static AddressKind ofV6(byte[] b) {
    if (zeros(b, 0, 10)) {
      if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        return ofV4(tail(b, 12)); // ::ffff:a.b.c.d, IPv4-mapped
      }
      if (b[10] == 0 && b[11] == 0) {
        if (zeros(b, 12, 15) && (b[15] == 0 || b[15] == 1)) {
          return b[15] == 0 ? UNSPECIFIED : LOOPBACK;
        }
        return ofV4(tail(b, 12)); // ::a.b.c.d, IPv4-compatible (deprecated, still routed by some)
      }
    }
    if (zeros(b, 0, 8)
        && (b[8] & 0xff) == 0xff
        && (b[9] & 0xff) == 0xff
        && b[10] == 0
        && b[11] == 0) {
      return ofV4(tail(b, 12)); // ::ffff:0:a.b.c.d, IPv4-translated (SIIT)
    }
    int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    int w2 = ((b[4] & 0xff) << 8) | (b[5] & 0xff);
    if (w0 == 0x0064 && w1 == 0xff9b) {
      if (w2 == 0 && zeros(b, 6, 12)) {
        return ofV4(tail(b, 12)); // 64:ff9b::/96, the well-known NAT64 prefix
      }
      return PRIVATE; // 64:ff9b:1::/48, NAT64 for local use (RFC 8215)
    }
    if (w0 == 0x2002) {
      return ofV4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4 carries its relay's IPv4
    }
    if ((b[0] & 0xff) == 0xff) {
      return MULTICAST;
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return UNIQUE_LOCAL;
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
      return LINK_LOCAL;
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return PRIVATE; // fec0::/10, the deprecated site-local range
    }
    if (w0 == 0x2001 && (w1 == 0 || w1 == 0x0db8 || (w1 == 0x0002 && w2 == 0))) {
      return RESERVED; // Teredo (hides its IPv4), documentation, benchmarking
    }
    if ((b[0] & 0xe0) != 0x20) {
      return RESERVED; // outside 2000::/3, the only global unicast range assigned
    }
    return PUBLIC;
  }

  private static boolean zeros(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] tail(byte[] b, int from) {
    byte[] v4 = new byte[4];
    System.arraycopy(b, from, v4, 0, 4);
    return v4;
  }
}
