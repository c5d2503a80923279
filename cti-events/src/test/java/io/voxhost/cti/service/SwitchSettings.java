package io.voxhost.cti.service;

import io.voxhost.cti.CtiConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A PBX link's settings as the configuration would give them, for tests. */
public record SwitchSettings(
    String tenant,
    String kind,
    String address,
    Optional<String> username,
    Optional<String> secret,
    Optional<Path> secretFile,
    Optional<String> instance,
    String amiEvents,
    Duration connectTimeout,
    Duration keepAlive,
    Duration maxBackoff)
    implements CtiConfig.Switch {

  /** An AMI link of a made-up tenant. */
  public static SwitchSettings ami(String address, String user, String secret) {
    return new SwitchSettings(
        "00000000-0000-4000-8000-000000000001",
        "AMI",
        address,
        Optional.ofNullable(user),
        Optional.ofNullable(secret),
        Optional.empty(),
        Optional.empty(),
        "call,agent",
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60));
  }
}
