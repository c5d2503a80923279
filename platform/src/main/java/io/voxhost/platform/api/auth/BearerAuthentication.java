package io.voxhost.platform.api.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.voxhost.platform.api.OffEventLoop;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.limits.FailureLimiter;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.role.RoleLifecycle;
import io.voxhost.platform.service.ApiKeyService;
import io.voxhost.platform.service.KeyCheck;
import io.voxhost.platform.service.KeyOwner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /api} request by its {@code Authorization: Bearer vx_...} key (RFC
 * 6750), refuses sources that keep presenting bad keys, and holds each key to its scope.
 *
 * <p>The source address is the one Vert.x reports: the TCP peer, or the client address a trusted
 * proxy sent when {@code quarkus.http.proxy.*} says so (see configuration.md). Headers a client
 * sends itself are never believed, so changing them does not escape the failure limit.
 */
@ApplicationScoped
public class BearerAuthentication {

  private static final Logger LOG = Logger.getLogger(BearerAuthentication.class);
  private static final String CHALLENGE = "Bearer realm=\"voxhost\"";
  private static final String INVALID_TOKEN = CHALLENGE + ", error=\"invalid_token\"";
  private static final String INSUFFICIENT_SCOPE = CHALLENGE + ", error=\"insufficient_scope\"";
  private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
  private static final Uni<Void> PASS = Uni.createFrom().voidItem();

  private final ApiKeyService keys;
  private final AuthenticatedClient client;
  private final FailureLimiter limiter;
  private final FailureLimiter logLimiter;
  private final Counter badKeys;
  private final Counter missingKeys;
  private final Counter rateLimited;
  private final Counter outOfScope;
  private final RoleLifecycle roles;

  /** The roles' reading POST endpoints, read on first use (the roles are all known by then). */
  private volatile Set<String> readingPosts;

  BearerAuthentication(
      ApiKeyService keys,
      AuthenticatedClient client,
      VoxhostConfig config,
      Meters registry,
      RoleLifecycle roles) {
    this.keys = keys;
    this.roles = roles;
    this.client = client;
    this.limiter =
        new FailureLimiter(
            "voxhost.auth",
            config.auth().maxFailures(),
            config.auth().failureWindow(),
            100_000,
            Ticker.systemTicker());
    // One log line per source per interval, whatever the flood.
    this.logLimiter = new FailureLimiter("log", 1, LOG_INTERVAL, 10_000, Ticker.systemTicker());
    this.badKeys = failures(registry, "bad_key");
    this.missingKeys = failures(registry, "missing_key");
    this.rateLimited = failures(registry, "rate_limited");
    this.outOfScope = failures(registry, "out_of_scope");
  }

  /**
   * Runs on the event loop, before a blocking resource is handed to a worker: a key checked within
   * the TTL costs no thread switch and no database round trip; only a key this node has not read
   * recently is looked up on a worker.
   */
  @ServerRequestFilter(priority = Priorities.AUTHENTICATION, nonBlocking = true)
  public Uni<Void> authenticate(ContainerRequestContext request, HttpServerRequest http) {
    if (!request.getUriInfo().getPath().startsWith("/api/")) {
      return PASS;
    }
    String source = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    Optional<Duration> blocked = limiter.blockedFor(source);
    if (blocked.isPresent()) {
      rateLimited.increment();
      throw ApiProblem.tooManyRequests(
          "too many failed authentications from this address", blocked.get());
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      missingKeys.increment();
      throw ApiProblem.unauthorized("send an API key as 'Authorization: Bearer vx_...'", CHALLENGE);
    }
    Optional<String> token = bearerToken(header);
    if (token.isEmpty()) {
      throw refused(source);
    }
    String method = request.getMethod();
    String path = request.getUriInfo().getPath();
    KeyCheck known = keys.authenticateFromMemory(token.get());
    if (known instanceof KeyCheck.Valid valid) {
      admit(valid.owner(), method, path);
      return PASS;
    }
    if (known instanceof KeyCheck.Invalid) {
      throw refused(source);
    }
    return OffEventLoop.call(() -> keys.authenticate(token.get()))
        .invoke(owner -> admit(owner.orElseThrow(() -> refused(source)), method, path))
        .replaceWithVoid();
  }

  /**
   * The owner of the request's key when memory alone admits it to {@code GET path}: its source is
   * not held back by the failure limit, it sends a well-formed bearer key that this node checked
   * within the TTL, and the key's scope allows the call. Empty in every other case, without
   * counting or logging anything: the caller then hands the request to the ordinary chain, whose
   * {@link #authenticate} answers each refusal. For a hot read served from a plain Vert.x route,
   * which skips the JAX-RS machinery and the request context only when it would change nothing.
   */
  public Optional<KeyOwner> admittedFromMemory(HttpServerRequest http, String path) {
    // Two Authorization headers reach the filter joined by a comma, which no key matches.
    List<String> headers = http.headers().getAll(HttpHeaders.AUTHORIZATION);
    if (headers.size() != 1 || http.remoteAddress() == null) {
      return Optional.empty();
    }
    String header = headers.get(0);
    if (limiter.blockedFor(http.remoteAddress().hostAddress()).isPresent()) {
      return Optional.empty();
    }
    Optional<String> token = bearerToken(header);
    if (token.isEmpty()
        || !(keys.authenticateFromMemory(token.get()) instanceof KeyCheck.Valid valid)
        || ScopedAccess.refusal(valid.owner().scope(), "GET", path, readingPosts()).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(valid.owner());
  }

  /** A good key is not a failure of authentication: a call beyond its scope is 403, not counted. */
  private void admit(KeyOwner owner, String method, String path) {
    Optional<String> refusal = ScopedAccess.refusal(owner.scope(), method, path, readingPosts());
    if (refusal.isPresent()) {
      outOfScope.increment();
      throw ApiProblem.insufficientScope(refusal.get(), INSUFFICIENT_SCOPE);
    }
    client.authenticatedAs(owner);
  }

  private Set<String> readingPosts() {
    Set<String> paths = readingPosts;
    if (paths == null) {
      paths = roles.readingPosts();
      readingPosts = paths;
    }
    return paths;
  }

  private ApiProblem refused(String source) {
    badKeys.increment();
    limiter.recordFailure(source);
    if (logLimiter.blockedFor(source).isEmpty()) {
      logLimiter.recordFailure(source);
      LOG.infof("Rejected an invalid API key from %s", source);
    }
    return ApiProblem.unauthorized("the API key is not valid or has been revoked", INVALID_TOKEN);
  }

  private static Optional<String> bearerToken(String header) {
    String trimmed = header.strip();
    int space = trimmed.indexOf(' ');
    if (space < 0 || !trimmed.substring(0, space).equalsIgnoreCase("Bearer")) {
      return Optional.empty();
    }
    return Optional.of(trimmed.substring(space + 1).strip());
  }

  private static Counter failures(Meters registry, String reason) {
    return registry.counter(
        MeterName.of("api", "auth_failures"),
        "API requests refused by authentication",
        "reason",
        reason);
  }
}
