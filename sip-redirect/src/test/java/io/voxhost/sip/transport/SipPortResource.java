package io.voxhost.sip.transport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.voxhost.platform.testing.FreePorts;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Gives the SIP role a free loopback port for UDP and TCP. */
public class SipPortResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of("voxhost.sip.listen", "127.0.0.1:" + FreePorts.udpAndTcp());
  }

  @Override
  public void stop() {}

  /** The port this resource gave the running test application. */
  public static int port() {
    String listen = ConfigProvider.getConfig().getValue("voxhost.sip.listen", String.class);
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }
}
