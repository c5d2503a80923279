package io.voxhost.cnam;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Settings of the {@code cnam} role (caller names). */
@ConfigMapping(prefix = "voxhost.cnam")
public interface CnamConfig {

  /**
   * {@code voxhost.cnam.budget}: the longest a lookup waits for upstream providers, all of them,
   * counted from its start; past it the lookup answers with what it has (the number, no name).
   */
  @WithDefault("800ms")
  Duration budget();

  /**
   * {@code voxhost.cnam.min-provider-time}: with less than this left of the budget the next
   * provider is not asked.
   */
  @WithDefault("20ms")
  Duration minProviderTime();

  /**
   * {@code voxhost.cnam.sip-user}: the user part SIP dips are sent to ({@code cnam} for {@code
   * sip:cnam@<domain>}); unset means no SIP dip.
   */
  Optional<String> sipUser();

  /**
   * {@code voxhost.cnam.default-region}: the ISO 3166 region numbers without a {@code +} are read
   * in when the tenant set none; unset means such numbers are refused.
   */
  Optional<String> defaultRegion();

  /** {@code voxhost.cnam.name-length}: names are cut to this many characters (1-255). */
  @WithDefault("50")
  int nameLength();

  /**
   * {@code voxhost.cnam.default-providers}: the providers asked, in order, for a tenant that chose
   * none; unset means none.
   */
  Optional<List<String>> defaultProviders();

  /** The cache of provider answers. */
  Cache cache();

  /** The memory of directory entries. */
  Directory directory();

  /**
   * {@code voxhost.cnam.allow-private-providers}: whether provider URLs may resolve to private,
   * loopback or link-local addresses (a provider inside the operator's own network).
   */
  @WithDefault("false")
  boolean allowPrivateProviders();

  /**
   * {@code voxhost.cnam.trust-certificates}: a PEM file of CA certificates provider TLS is checked
   * against instead of the JDK's trust store; unset means the JDK's.
   */
  Optional<Path> trustCertificates();

  /**
   * {@code voxhost.cnam.tenant-dips}: one tenant's provider dips in flight at once on the node,
   * over all providers; past it the tenant's lookups go on without asking providers.
   */
  @WithDefault("10")
  int tenantDips();

  /** {@code voxhost.cnam.usage-flush-interval}: how often counted dips are written down. */
  @WithDefault("15s")
  Duration usageFlushInterval();

  /** {@code voxhost.cnam.providers.<name>.*}: the upstream providers tenants may choose. */
  Map<String, Provider> providers();

  /** The provider-answer cache. */
  interface Cache {

    /** {@code voxhost.cnam.cache.size}: provider answers kept at most. */
    @WithDefault("500000")
    long size();

    /** {@code voxhost.cnam.cache.positive-ttl}: a found name is fresh for this long. */
    @WithDefault("24h")
    Duration positiveTtl();

    /** {@code voxhost.cnam.cache.negative-ttl}: a "no name" answer is fresh for this long. */
    @WithDefault("1h")
    Duration negativeTtl();

    /**
     * {@code voxhost.cnam.cache.stale-for}: past its freshness an answer is still given at once,
     * while it is fetched again in the background, for this long; then it is forgotten.
     */
    @WithDefault("7d")
    Duration staleFor();
  }

  /** Directory entries held in memory, and the threads that read them. */
  interface Directory {

    /** {@code voxhost.cnam.directory.cache-size}: directory entries (and absences) in memory. */
    @WithDefault("1000000")
    long cacheSize();

    /** {@code voxhost.cnam.directory.threads}: threads reading directory entries at once. */
    @WithDefault("4")
    int threads();

    /** {@code voxhost.cnam.directory.queue}: directory reads waiting, at most; more fail fast. */
    @WithDefault("10000")
    int queue();

    /**
     * {@code voxhost.cnam.directory.tenant-queue}: one tenant's reads waiting or running at once;
     * past it that tenant's lookups skip what is not in memory, nobody else's.
     */
    @WithDefault("1000")
    int tenantQueue();

    /** {@code voxhost.cnam.directory.max-entries}: entries one directory may hold. */
    @WithDefault("1000000")
    int maxEntries();
  }

  /** One upstream provider. */
  interface Provider {

    /**
     * {@code voxhost.cnam.providers.<name>.preset}: {@code opencnam}, {@code twilio} or {@code
     * custom}; a preset fills the URL and the name pointer.
     */
    @WithDefault("custom")
    String preset();

    /**
     * {@code voxhost.cnam.providers.<name>.url}: the URL template; {@code {number}} is the E.164
     * number, {@code {digits}} the same without its {@code +}.
     */
    Optional<String> url();

    /** {@code voxhost.cnam.providers.<name>.auth-header}: the whole Authorization header. */
    Optional<String> authHeader();

    /** {@code voxhost.cnam.providers.<name>.name-pointer}: a JSON pointer to the name. */
    Optional<String> namePointer();

    /** {@code voxhost.cnam.providers.<name>.not-found-statuses}: statuses meaning "no name". */
    @WithDefault("404")
    Set<Integer> notFoundStatuses();

    /** {@code voxhost.cnam.providers.<name>.timeout}: one request, whatever the budget. */
    @WithDefault("500ms")
    Duration timeout();

    /** {@code voxhost.cnam.providers.<name>.connect-timeout}: connecting, TLS included. */
    @WithDefault("300ms")
    Duration connectTimeout();

    /** {@code voxhost.cnam.providers.<name>.max-body}: bytes of an answer read at most. */
    @WithDefault("16384")
    int maxBody();

    /** {@code voxhost.cnam.providers.<name>.max-concurrent}: requests in flight at once. */
    @WithDefault("20")
    int maxConcurrent();

    /** {@code voxhost.cnam.providers.<name>.queue}: requests waiting for a slot, at most. */
    @WithDefault("20")
    int queue();

    /** The circuit breaker. */
    Breaker breaker();

    /**
     * {@code voxhost.cnam.providers.<name>.shared}: whether answers are cached for every tenant
     * (the operator's own account) or for the tenant that asked.
     */
    @WithDefault("true")
    boolean shared();
  }

  /** A provider's circuit breaker. */
  interface Breaker {

    /** {@code voxhost.cnam.providers.<name>.breaker.request-volume}: requests judged at once. */
    @WithDefault("20")
    int requestVolume();

    /** {@code voxhost.cnam.providers.<name>.breaker.failure-ratio}: failures that open it. */
    @WithDefault("0.5")
    double failureRatio();

    /** {@code voxhost.cnam.providers.<name>.breaker.delay}: how long it stays open. */
    @WithDefault("10s")
    Duration delay();

    /**
     * {@code voxhost.cnam.providers.<name>.breaker.success-threshold}: trial requests that must
     * succeed, half-open, to close it.
     */
    @WithDefault("2")
    int successThreshold();
  }
}
