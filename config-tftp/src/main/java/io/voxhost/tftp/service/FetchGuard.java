package io.voxhost.tftp.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.limits.FailureLimiter;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.tftp.TftpConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Decides, for TFTP and HTTP alike, whether a source may have what its name resolved to, and keeps
 * scanners out: every failure (a device name whose MAC is unknown, a device the source may not
 * fetch, wrong HTTP credentials) counts against the source address, and a source over {@code
 * voxhost.tftp.fetch-limit.max-failures} in a window is banned for {@code fetch-limit.ban}.
 *
 * <p>A device the source may not fetch is answered as an unknown one (ERROR 1, HTTP 404), so the
 * answer does not tell which MACs exist. The one exception is HTTP Basic: a device with credentials
 * challenges (401) a request that comes without them, since a phone only sends them once
 * challenged. That tells a scanner such a device exists, but only at the price of the unknown MACs
 * around it, each of which counts.
 */
@ApplicationScoped
public class FetchGuard {

  private static final Logger LOG = Logger.getLogger(FetchGuard.class);

  /** What to do with a resolved name. */
  public enum Verdict {
    /** Answer as the file says: serve it, or not found, or forbidden for a refused static name. */
    PROCEED,
    /** Answer as for an unknown name. */
    HIDE,
    /** HTTP only: 401 with a Basic challenge. */
    CHALLENGE
  }

  /** Why a fetch failed: the {@code reason} of {@code voxhost_tftp_fetch_failures_total}. */
  enum Failure {
    UNKNOWN_DEVICE,
    OUTSIDE_NETWORK,
    NOT_ALLOWED,
    NO_CERTIFICATE,
    BAD_CREDENTIALS
  }

  private final FailureLimiter limiter;
  private final Cache<String, Boolean> banned;
  private final List<IpNetwork> exempt;
  private final Map<Failure, Counter> failures = new ConcurrentHashMap<>();
  private final Counter bans;
  private final Map<Requester.Transport, Counter> bannedRequests = new ConcurrentHashMap<>();

  FetchGuard(TftpConfig config, Meters meters) {
    TftpConfig.FetchLimit limit = config.fetchLimit();
    Duration ban = TftpSettings.ban(limit);
    this.limiter = TftpSettings.failureLimiter(limit);
    this.banned =
        Caffeine.newBuilder().maximumSize(limit.maxSources()).expireAfterWrite(ban).build();
    this.exempt = TftpSettings.exempt(limit);
    for (Failure f : Failure.values()) {
      failures.put(
          f,
          meters.counter(
              MeterName.of("tftp", "fetch_failures"),
              "Fetches refused as unknown or not allowed, or with wrong credentials, by reason",
              "reason",
              f.name().toLowerCase(java.util.Locale.ROOT)));
    }
    this.bans =
        meters.counter(
            MeterName.of("tftp", "source_bans"),
            "Source addresses banned for too many failed fetches");
    for (Requester.Transport t : Requester.Transport.values()) {
      bannedRequests.put(
          t,
          meters.counter(
              MeterName.of("tftp", "banned_requests"),
              "Requests from banned sources, not served",
              "transport",
              t.name().toLowerCase(java.util.Locale.ROOT)));
    }
  }

  /** True when the source is banned now; the request is counted. */
  public boolean banned(Requester who) {
    if (banned.getIfPresent(key(who)) == null) {
      return false;
    }
    bannedRequests.get(who.transport()).increment();
    return true;
  }

  /** What to answer {@code who}, who asked for {@code asked} and got {@code file}. */
  public Verdict judge(FileName asked, ServedFile file, Requester who) {
    if (file instanceof ServedFile.GeneratedFile g && g.mac() != null) {
      return device(g, who);
    }
    Optional<VendorFileNames.Match> match = VendorFileNames.match(asked);
    boolean deviceName = match.isPresent() && match.get().mac() != null;
    // Missing, or voxhost.tftp.unknown-device-file standing in (its name is not the one asked).
    if (deviceName && (file instanceof ServedFile.Missing || !file.name().equals(asked))) {
      fail(who, Failure.UNKNOWN_DEVICE);
    }
    return Verdict.PROCEED;
  }

  private Verdict device(ServedFile.GeneratedFile g, Requester who) {
    DeviceAccess access = g.access();
    boolean inside =
        access.networks().isEmpty()
            ? access.policy() != FetchPolicy.NETWORK
            : access.networks().stream().anyMatch(n -> n.contains(who.address()));
    if (!inside) {
      return hide(who, Failure.OUTSIDE_NETWORK);
    }
    switch (access.policy()) {
      case OPEN, NETWORK -> {}
      case CREDENTIALS -> {
        if (access.credentials() == null) {
          return hide(who, Failure.NOT_ALLOWED);
        }
      }
      case CERTIFICATE -> {
        if (!who.certificateMacs().contains(g.mac())) {
          return hide(who, Failure.NO_CERTIFICATE);
        }
      }
    }
    if (access.credentials() == null) {
      return Verdict.PROCEED;
    }
    if (who.transport() == Requester.Transport.TFTP) {
      return hide(who, Failure.NOT_ALLOWED); // TFTP cannot carry them
    }
    if (who.user() == null) {
      return Verdict.CHALLENGE; // a phone's first try: not a failure
    }
    if (!access.credentials().accept(who.user(), who.password())) {
      fail(who, Failure.BAD_CREDENTIALS);
      return Verdict.CHALLENGE;
    }
    return Verdict.PROCEED;
  }

  private Verdict hide(Requester who, Failure why) {
    fail(who, why);
    return Verdict.HIDE;
  }

  private void fail(Requester who, Failure why) {
    failures.get(why).increment();
    if (exempt.stream().anyMatch(n -> n.contains(who.address()))) {
      return;
    }
    String key = key(who);
    limiter.recordFailure(key);
    if (limiter.blockedFor(key).isPresent()
        && banned.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
      bans.increment();
      LOG.warnf(
          "Source %s banned from provisioning: too many failed fetches (last: %s over %s)",
          key, why.name().toLowerCase(java.util.Locale.ROOT), who.transport());
    }
  }

  /** What failures are counted against: the source's host block (an IPv6 address's /64). */
  private static String key(Requester who) {
    return IpNetwork.hostBlock(who.address()).toString();
  }
}
