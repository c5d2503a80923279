package io.voxhost.sip.service;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.limits.FailureLimiter;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.sip.SipConfig;
import io.voxhost.sip.store.AuthSecretStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a request's digest credentials let it through, challenges it otherwise, and slows
 * down guessing: failures are counted per source address and per username, and either over its
 * limit is refused outright until its window ends.
 */
@ApplicationScoped
public class AuthenticationService {

  private static final List<DigestAlgorithm> MD5_ONLY = List.of(DigestAlgorithm.MD5);

  private final SubscriberDirectory subscribers;
  private final AuthSecretStore secrets;
  private final SipConfig.Auth config;
  private final FailureLimiter bySource;
  private final FailureLimiter byUser;
  private final Counter rejected;
  private final Counter replayed;
  private final Counter refused;
  private final List<DigestAlgorithm> algorithms;
  private final Pattern md5Only;
  private volatile DigestAuthenticator digest;

  AuthenticationService(
      SubscriberDirectory subscribers, AuthSecretStore secrets, SipConfig config, Meters registry) {
    this.rejected = failures(registry, "rejected");
    this.replayed = failures(registry, "replayed");
    this.refused = failures(registry, "refused");
    this.subscribers = subscribers;
    this.secrets = secrets;
    this.config = config.auth();
    this.algorithms = algorithms(this.config.algorithms());
    this.md5Only =
        this.config
            .md5OnlyUserAgents()
            .filter(r -> !r.isBlank())
            .map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE))
            .orElse(null);
    this.bySource =
        new FailureLimiter(
            "voxhost.sip.auth",
            this.config.maxFailures(),
            this.config.failureWindow(),
            100_000,
            Ticker.systemTicker());
    this.byUser =
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
   * @param source the request's source address, for failure counting
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
    List<DigestAlgorithm> offered = offeredTo(userAgent);
    if (bySource.blockedFor(source).isPresent()) {
      refused.increment();
      return new AuthDecision.Refused("Too Many Failed Authentications");
    }
    if (credentials.isEmpty()) {
      return challenge(tenant, now, false, offered);
    }
    DigestCredentials c = credentials.get();
    String userKey = tenant.id() + "/" + identity;
    if (!identity.equals(c.username())) {
      refused.increment();
      bySource.recordFailure(source);
      return new AuthDecision.Refused("Authentication Username Does Not Match");
    }
    if (DigestAlgorithm.fromToken(c.algorithm()).filter(offered::contains).isEmpty()) {
      rejected.increment();
      bySource.recordFailure(source);
      return challenge(tenant, now, false, offered); // an algorithm we did not offer
    }
    if (byUser.blockedFor(userKey).isPresent()) {
      refused.increment();
      return new AuthDecision.Refused("Too Many Failed Authentications");
    }
    DigestAuthenticator.Verdict verdict =
        digest.verify(c, subscribers.find(tenant.id(), identity), method, tenant.domain(), now);
    switch (verdict) {
      case ACCEPTED:
        return new AuthDecision.Allowed();
      case STALE:
        return challenge(tenant, now, true, offered);
      case REPLAYED:
        // The digest was right, so this is no guess: a retransmission that overtook its answer,
        // or a captured request sent again. Neither should lock the subscriber out.
        replayed.increment();
        return challenge(tenant, now, false, offered);
      default:
        rejected.increment();
        bySource.recordFailure(source);
        byUser.recordFailure(userKey);
        return challenge(tenant, now, false, offered);
    }
  }

  private static List<DigestAlgorithm> algorithms(List<String> names) {
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

  private static Counter failures(Meters registry, String reason) {
    return registry.counter(
        MeterName.of("sip", "auth_failures"),
        "Failed SIP digest authentications, by reason",
        "reason",
        reason);
  }

  private List<DigestAlgorithm> offeredTo(String userAgent) {
    if (md5Only != null
        && userAgent != null
        && algorithms.contains(DigestAlgorithm.MD5)
        && md5Only.matcher(userAgent).find()) {
      return MD5_ONLY;
    }
    return algorithms;
  }

  private AuthDecision challenge(
      SipTenant tenant, Instant now, boolean stale, List<DigestAlgorithm> offered) {
    return new AuthDecision.Challenge(
        tenant.domain(), digest.nonce(tenant.domain(), now), stale, offered);
  }
}
