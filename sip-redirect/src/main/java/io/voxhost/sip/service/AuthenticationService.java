package io.voxhost.sip.service;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.limits.FailureLimiter;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.sip.SipConfig;
import io.voxhost.sip.store.AuthSecretStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a request's digest credentials let it through, challenges it otherwise, and slows
 * down guessing.
 *
 * <p>Only a guess is counted: a wrong answer to a nonce the platform issued to the same source
 * address and that is still valid ({@link DigestAuthenticator.Verdict#REJECTED}). A forged nonce,
 * one sent from another address than its challenge went to, or a header for another user costs
 * nothing, since anyone can send those from any address over UDP. Failures are counted per
 * (username, source) and, at a higher limit, per source; either over its limit is refused with 403
 * until its window ends. So a source that has not failed is never refused, and a phone keeps
 * registering while others guess its password from elsewhere.
 */
@ApplicationScoped
public class AuthenticationService {

  private static final List<DigestAlgorithm> MD5_ONLY = List.of(DigestAlgorithm.MD5);
  private static final String TOO_MANY = "Too Many Failed Authentications";

  private final SubscriberDirectory subscribers;
  private final AuthSecretStore secrets;
  private final SipConfig.Auth config;
  private final FailureLimiter bySource;
  private final FailureLimiter byUserAndSource;
  private final Counter rejected;
  private final Counter unverified;
  private final Counter replayed;
  private final Counter refused;
  private final List<DigestAlgorithm> algorithms;
  private final Pattern md5Only;
  private volatile DigestAuthenticator digest;

  AuthenticationService(
      SubscriberDirectory subscribers, AuthSecretStore secrets, SipConfig config, Meters registry) {
    this.rejected = failures(registry, "rejected");
    this.unverified = failures(registry, "unverified");
    this.replayed = failures(registry, "replayed");
    this.refused = failures(registry, "refused");
    this.subscribers = subscribers;
    this.secrets = secrets;
    this.config = config.auth();
    this.algorithms = SipSettings.algorithms(this.config.algorithms());
    this.md5Only = SipSettings.md5OnlyUserAgents(this.config).orElse(null);
    this.bySource =
        new FailureLimiter(
            "voxhost.sip.auth",
            SipSettings.maxSourceFailures(this.config),
            this.config.failureWindow(),
            100_000,
            Ticker.systemTicker());
    this.byUserAndSource =
        new FailureLimiter(
            "voxhost.sip.auth",
            this.config.maxFailures(),
            this.config.failureWindow(),
            100_000,
            Ticker.systemTicker());
  }

  /** Reads (or makes) the shared nonce secret; call before the first request. */
  public void start() {
    digest = new DigestAuthenticator(secrets.secret(), config.nonceTtl(), 1_000_000);
  }

  /**
   * @param identity the user the request speaks for (the To user of a REGISTER, the From user of an
   *     INVITE), which must be the user authenticating
   * @param source the request's source address: nonces are bound to it, failures counted by it
   * @param userAgent the request's User-Agent, or null: some clients need MD5 alone
   */
  public AuthDecision check(
      SipTenant tenant,
      String identity,
      Optional<DigestCredentials> credentials,
      String method,
      String source,
      String userAgent,
      Instant now) {
    List<DigestAlgorithm> offered = offeredTo(tenant, userAgent);
    String counted = countedAs(source);
    String userKey = tenant.id() + "/" + identity + "/" + counted;
    if (bySource.blockedFor(counted).isPresent()
        || byUserAndSource.blockedFor(userKey).isPresent()) {
      refused.increment();
      return new AuthDecision.Refused(TOO_MANY);
    }
    if (credentials.isEmpty()) {
      return challenge(tenant, source, now, false, offered);
    }
    DigestCredentials c = credentials.get();
    if (!identity.equals(c.username())) {
      refused.increment();
      return new AuthDecision.Refused("Authentication Username Does Not Match");
    }
    if (DigestAlgorithm.fromToken(c.algorithm()).filter(offered::contains).isEmpty()) {
      unverified.increment();
      return challenge(tenant, source, now, false, offered); // an algorithm we did not offer
    }
    DigestAuthenticator.Verdict verdict =
        digest.verify(
            c, subscribers.find(tenant.id(), identity), method, tenant.domain(), source, now);
    switch (verdict) {
      case ACCEPTED:
        return new AuthDecision.Allowed();
      case STALE:
        return challenge(tenant, source, now, true, offered);
      case REPLAYED:
        // The digest was right, so this is no guess: a retransmission that overtook its answer,
        // or a captured request sent again. Neither should lock the subscriber out.
        replayed.increment();
        return challenge(tenant, source, now, false, offered);
      case REJECTED:
        rejected.increment();
        bySource.recordFailure(counted);
        byUserAndSource.recordFailure(userKey);
        return challenge(tenant, source, now, false, offered);
      default:
        unverified.increment();
        return challenge(tenant, source, now, false, offered);
    }
  }

  /**
   * What a source's failures are counted against: its host block, so that an IPv6 host cannot guess
   * from a fresh address of its /64 each time (the nonce stays bound to the exact address).
   */
  private static String countedAs(String source) {
    try {
      return IpNetwork.parse(source).hostBlock().toString();
    } catch (IllegalArgumentException e) {
      return source;
    }
  }

  private static Counter failures(Meters registry, String reason) {
    return registry.counter(
        MeterName.of("sip", "auth_failures"),
        "Failed SIP digest authentications, by reason",
        "reason",
        reason);
  }

  /**
   * The tenant's list, or the node's; MD5 alone for a User-Agent known to give up on anything else
   * when MD5 is in that list.
   */
  List<DigestAlgorithm> offeredTo(SipTenant tenant, String userAgent) {
    List<DigestAlgorithm> list =
        tenant.digestAlgorithms().isEmpty() ? algorithms : tenant.digestAlgorithms();
    if (md5Only != null
        && userAgent != null
        && list.contains(DigestAlgorithm.MD5)
        && md5Only.matcher(userAgent).find()) {
      return MD5_ONLY;
    }
    return list;
  }

  private AuthDecision challenge(
      SipTenant tenant, String source, Instant now, boolean stale, List<DigestAlgorithm> offered) {
    return new AuthDecision.Challenge(
        tenant.domain(), digest.nonce(tenant.domain(), source, now), stale, offered);
  }
}
