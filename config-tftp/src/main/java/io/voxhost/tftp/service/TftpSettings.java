package io.voxhost.tftp.service;

import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.config.SmallRyeConfig;
import io.voxhost.platform.limits.FailureLimiter;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.platform.net.ListenAddress;
import io.voxhost.platform.role.RoleSettings;
import io.voxhost.tftp.TftpConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TFTP role's settings as its start takes them: the fetch guard, the vendor certificates and
 * the phone files read their values through these checks, and {@code voxhost check-config} runs
 * them all.
 */
public final class TftpSettings implements RoleSettings {

  public static final String ROLE = "tftp";

  @Override
  public String role() {
    return ROLE;
  }

  @Override
  public List<Class<?>> mappings() {
    return List.of(TftpConfig.class);
  }

  @Override
  public void check(SmallRyeConfig config) {
    TftpConfig tftp = config.getConfigMapping(TftpConfig.class);
    tftp.listen().single("voxhost.tftp.listen");
    tftp.vendorCas().ifPresent(VendorCertificates::read);
    sipServer(tftp.sipServer());
    TftpConfig.FetchLimit limit = tftp.fetchLimit();
    ban(limit);
    failureLimiter(limit);
    exempt(limit);
  }

  @Override
  public Map<String, Path> directories(SmallRyeConfig config) {
    return config
        .getConfigMapping(TftpConfig.class)
        .root()
        .map(root -> Map.of("voxhost.tftp.root", root))
        .orElse(Map.of());
  }

  /** Failures per source under {@code voxhost.tftp.fetch-limit}. */
  static FailureLimiter failureLimiter(TftpConfig.FetchLimit limit) {
    return new FailureLimiter(
        "voxhost.tftp.fetch-limit",
        limit.maxFailures(),
        limit.window(),
        limit.maxSources(),
        Ticker.systemTicker());
  }

  /** {@code voxhost.tftp.fetch-limit.ban}, positive. */
  static Duration ban(TftpConfig.FetchLimit limit) {
    if (limit.ban().isNegative() || limit.ban().isZero()) {
      throw new IllegalArgumentException("voxhost.tftp.fetch-limit.ban must be positive");
    }
    return limit.ban();
  }

  /** {@code voxhost.tftp.fetch-limit.exempt}: address literals or CIDRs, never names. */
  static List<IpNetwork> exempt(TftpConfig.FetchLimit limit) {
    List<IpNetwork> networks = new ArrayList<>();
    for (String cidr : limit.exempt().orElse(List.of())) {
      try {
        networks.add(IpNetwork.parse(cidr));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "voxhost.tftp.fetch-limit.exempt: '" + cidr + "': " + e.getMessage(), e);
      }
    }
    return List.copyOf(networks);
  }

  /**
   * {@code voxhost.tftp.sip-server}: the address phones are told to register with; with a port it
   * must be a valid host:port. Empty: each tenant's SIP domain.
   */
  static Optional<ListenAddress> sipServer(Optional<String> configured) {
    return configured
        .filter(server -> server.lastIndexOf(':') > server.lastIndexOf(']'))
        .map(server -> ListenAddress.parse(server).single("voxhost.tftp.sip-server"));
  }
}
