package io.voxhost.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. Outbound senders resolve through this, check every address and
 * then connect to the checked one, so a name cannot pass the check and then resolve elsewhere (DNS
 * rebinding); tests give their own to make a name resolve where they need.
 */
public interface HostResolver {

  /** Every address of {@code host} (a name or an IP literal without brackets). */
  List<InetAddress> resolve(String host) throws UnknownHostException;
}
