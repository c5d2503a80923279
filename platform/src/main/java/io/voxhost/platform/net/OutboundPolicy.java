package io.voxhost.platform.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a tenant's outbound HTTP may reach: public ones always; the others ({@link
 * AddressKind}) only when the operator allows private targets; multicast and the {@code forbidden}
 * endpoints (the node's own database) never.
 *
 * @param allowPrivate {@code voxhost.webhooks.allow-private-targets}
 * @param forbidden endpoints never reached whatever the setting; a loopback or unspecified one
 *     stands for every loopback address at its port
 */
public record OutboundPolicy(boolean allowPrivate, List<InetSocketAddress> forbidden) {

  public OutboundPolicy {
    forbidden = List.copyOf(forbidden);
  }

  /** Public addresses only, nothing else forbidden: the default. */
  public static OutboundPolicy publicOnly() {
    return new OutboundPolicy(false, List.of());
  }

  /** Why {@code address}:{@code port} may not be reached, or empty if it may. */
  public Optional<String> refusal(InetAddress address, int port) {
    AddressKind kind = AddressKind.of(address);
    for (InetSocketAddress f : forbidden) {
      if (f.getPort() == port && f.getAddress() != null && sameHost(f.getAddress(), address)) {
        return Optional.of("the node's own database");
      }
    }
    if (kind == AddressKind.MULTICAST || (!kind.isPublic() && !allowPrivate)) {
      return Optional.of(kind.description());
    }
    return Optional.empty();
  }

  private static boolean sameHost(InetAddress forbidden, InetAddress target) {
    if (local(AddressKind.of(forbidden))) {
      return local(AddressKind.of(target));
    }
    return Arrays.equals(v4(forbidden.getAddress()), v4(target.getAddress()));
  }

  private static boolean local(AddressKind kind) {
    return kind == AddressKind.LOOPBACK || kind == AddressKind.UNSPECIFIED;
  }

  /** An IPv4-mapped or -compatible IPv6 address as its IPv4 bytes, so both forms compare equal. */
  private static byte[] v4(byte[] b) {
    if (b.length == 16) {
      for (int i = 0; i < 10; i++) {
        if (b[i] != 0) {
          return b;
        }
      }
      if ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff)) {
        return Arrays.copyOfRange(b, 12, 16);
      }
    }
    return b;
  }
}
