package io.voxhost.platform.net;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The machine's resolver (hosts file, then DNS, as the JDK asks the C library). */
@ApplicationScoped
public class SystemResolver implements HostResolver {

  @Override
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    return List.of(InetAddress.getAllByName(host));
  }
}
