package io.voxhost.sip.service;

import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.config.SmallRyeConfig;
import io.voxhost.platform.limits.FailureLimiter;
import io.voxhost.platform.role.RoleSettings;
import io.voxhost.sip.SipConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The SIP role's settings as its start takes them: the endpoint and the authentication service read
 * their values through these checks, and {@code voxhost check-config} runs them all.
 */
public final class SipSettings implements RoleSettings {

  public static final String ROLE = "sip";

  @Override
  public String role() {
    return ROLE;
  }

  @Override
  public List<Class<?>> mappings() {
    return List.of(SipConfig.class);
  }

  @Override
  public void check(SmallRyeConfig config) {
    SipConfig sip = config.getConfigMapping(SipConfig.class);
    sip.listen().single("voxhost.sip.listen");
    transports(sip.transports());
    connections(sip.connections());
    SipConfig.Registrar registrar = sip.registrar();
    new RegistrarPolicy(
        registrar.defaultExpires(),
        registrar.minExpires(),
        registrar.maxExpires(),
        registrar.maxContacts(),
        registrar.contactLimitPolicy());
    SipConfig.Auth auth = sip.auth();
    algorithms(auth.algorithms());
    md5OnlyUserAgents(auth);
    maxSourceFailures(auth);
    new FailureLimiter(
        "voxhost.sip.auth", auth.maxFailures(), auth.failureWindow(), 1, Ticker.systemTicker());
  }

  @Override
  public Map<String, Path> directories(SmallRyeConfig config) {
    return Map.of();
  }

  /** {@code voxhost.sip.transports}: udp, tcp and tls, lower case. */
  public static Set<String> transports(List<String> configured) {
    Set<String> transports = new LinkedHashSet<>();
    for (String transport : configured) {
      String name = transport.strip().toLowerCase(Locale.ROOT);
      if (!name.equals("udp") && !name.equals("tcp") && !name.equals("tls")) {
        throw new IllegalArgumentException(
            "voxhost.sip.transports: '" + transport + "' is not udp, tcp or tls");
      }
      transports.add(name);
    }
    return Set.copyOf(transports);
  }

  /** {@code voxhost.sip.connections.*}: positive limits and times. */
  public static void connections(SipConfig.Connections c) {
    if (c.max() < 1 || c.perSource() < 1) {
      throw new IllegalArgumentException(
          "voxhost.sip.connections.max and .per-source: at least 1, not "
              + c.max()
              + " and "
              + c.perSource());
    }
    if (c.idleTimeout().toMillis() < 1000
        || c.handshakeTimeout().toMillis() < 100
        || c.messageTimeout().toMillis() < 100) {
      throw new IllegalArgumentException(
          "voxhost.sip.connections.idle-timeout: at least 1s; handshake-timeout and"
              + " message-timeout: at least 100ms");
    }
  }

  /** {@code voxhost.sip.auth.algorithms}: the node's digest algorithms, in order, at least one. */
  public static List<DigestAlgorithm> algorithms(List<String> names) {
    List<DigestAlgorithm> list = new ArrayList<>();
    for (String name : names) {
      DigestAlgorithm a =
          DigestAlgorithm.fromToken(name.strip())
              .filter(x -> !name.isBlank())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "voxhost.sip.auth.algorithms: '" + name + "' is not MD5 or SHA-256"));
      if (!list.contains(a)) {
        list.add(a);
      }
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException("voxhost.sip.auth.algorithms: name at least one");
    }
    return List.copyOf(list);
  }

  /** {@code voxhost.sip.auth.md5-only-user-agents}, compiled case-insensitively; empty: none. */
  public static Optional<Pattern> md5OnlyUserAgents(SipConfig.Auth auth) {
    Optional<String> regex = auth.md5OnlyUserAgents().filter(r -> !r.isBlank());
    try {
      return regex.map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "voxhost.sip.auth.md5-only-user-agents: not a regular expression: " + e.getDescription(),
          e);
    }
  }

  /** {@code voxhost.sip.auth.max-source-failures}, at least 1. */
  public static int maxSourceFailures(SipConfig.Auth auth) {
    if (auth.maxSourceFailures() < 1) {
      throw new IllegalArgumentException("voxhost.sip.auth.max-source-failures must be at least 1");
    }
    return auth.maxSourceFailures();
  }
}
