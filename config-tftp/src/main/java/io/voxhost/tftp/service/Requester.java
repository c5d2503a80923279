package io.voxhost.tftp.service;

import java.net.InetAddress;
import java.util.Set;

/**
 * Who asks for a file, as far as the transport can tell.
 *
 * @param address the source address (its port plays no part: a phone's changes every request)
 * @param certificateMacs the MACs a trusted vendor certificate presented over TLS names; empty
 *     without one (always over TFTP)
 * @param user the HTTP Basic user given, or null
 * @param password the HTTP Basic password given, or null
 */
public record Requester(
    InetAddress address,
    Transport transport,
    Set<MacAddress> certificateMacs,
    String user,
    String password) {

  public Requester {
    certificateMacs = Set.copyOf(certificateMacs);
  }

  public static Requester tftp(InetAddress address) {
    return new Requester(address, Transport.TFTP, Set.of(), null, null);
  }

  public enum Transport {
    TFTP,
    HTTP
  }
}
