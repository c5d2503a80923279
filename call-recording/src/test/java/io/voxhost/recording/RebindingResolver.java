package io.voxhost.recording;

import io.voxhost.platform.net.HostResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A resolver for {@link WebhookTargetTest}'s profile: {@link #NAME} resolves to whatever the test
 * says at the moment (DNS rebinding without DNS); other names go to the machine's resolver, which
 * the tests only ask about "localhost" and literals.
 */
@Alternative
@ApplicationScoped
public class RebindingResolver implements HostResolver {

  static final String NAME = "hooks.rebinding.test";

  private final AtomicReference<String> answer = new AtomicReference<>("93.184.215.14");

  void answer(String literal) {
    answer.set(literal);
  }

  @Override
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    if (host.equals(NAME)) {
      return List.of(InetAddress.getByName(answer.get()));
    }
    if (host.endsWith(".test")) {
      throw new UnknownHostException(host); // never asked of DNS
    }
    return List.of(InetAddress.getAllByName(host));
  }
}
