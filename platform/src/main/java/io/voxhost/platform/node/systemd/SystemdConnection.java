package io.voxhost.platform.node.systemd;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The application's {@link SystemdNotifier}, opened from the environment, closed at shutdown. */
@ApplicationScoped
public class SystemdConnection {

  @Produces
  @Singleton
  SystemdNotifier notifier() {
    return SystemdNotifier.fromEnvironment();
  }

  void close(@Disposes SystemdNotifier notifier) {
    notifier.close();
  }
}
