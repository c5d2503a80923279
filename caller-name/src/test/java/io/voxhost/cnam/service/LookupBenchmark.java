package io.voxhost.cnam.service;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.voxhost.cnam.CnamConfig;
import io.voxhost.cnam.api.CallerName;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.metrics.Meters;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The in-process lookup (issue 16: under 5 us), run by bench/cnam.sh: the real chain and its
 * sources as the role builds them, the database out of the way (every answer is in memory).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LookupBenchmark {

  private static final UUID TENANT = UUID.randomUUID();
  private static final String KNOWN = "+14155550123";
  private static final String UNKNOWN = "+14155550199";

  private CallerNameService names;

  /** Settings held in a map: the benchmark measures lookups, not the settings' table. */
  static final class RulesInMemory implements LookupRuleStore {
    final Map<UUID, LookupRules> rows = new ConcurrentHashMap<>();

    @Override
    public Optional<LookupRules> find(UUID tenantId) {
      return Optional.ofNullable(rows.get(tenantId));
    }

    @Override
    public void save(UUID tenantId, LookupRules rules) {
      rows.put(tenantId, rules);
    }

    @Override
    public Map<UUID, LookupRules> all() {
      return Map.copyOf(rows);
    }
  }

  @Setup
  public void setUp() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(CnamConfig.class)
            .withConverter(
                Duration.class, 200, new DurationConverter()) // 800ms as Quarkus reads it
            .build();
    CnamConfig cnam = config.getConfigMapping(CnamConfig.class);
    Meters meters = new Meters(new SimpleMeterRegistry());
    TenantLookupRules rules = new TenantLookupRules(new RulesInMemory(), null, cnam);
    rules.save(TENANT, new LookupRules("US", 15, List.of()));
    // The directory's rows: one name, in the tenant's directory; memory learns it, and an absence,
    // by one read of both directories.
    DirectoryStore rows =
        (DirectoryStore)
            Proxy.newProxyInstance(
                DirectoryStore.class.getClassLoader(),
                new Class<?>[] {DirectoryStore.class},
                (proxy, method, args) -> {
                  if (!method.getName().equals("findBoth")) {
                    throw new UnsupportedOperationException(method.getName());
                  }
                  @SuppressWarnings("unchecked")
                  List<NumberInTenant> asked = (List<NumberInTenant>) args[0];
                  return asked.stream()
                      .map(
                          n ->
                              new DirectoryNames(
                                  KNOWN.equals(n.e164())
                                      ? Optional.of("Acme Plumbing Services")
                                      : Optional.empty(),
                                  Optional.empty()))
                      .toList();
                });
    DirectoryMemory memory = new DirectoryMemory(rows, null, cnam);
    memory.readBoth(
        List.of(new NumberInTenant(TENANT, KNOWN), new NumberInTenant(TENANT, UNKNOWN)));
    DirectoryReader reader = new DirectoryReader(memory, new RoleThreads(meters), cnam, meters);
    names =
        new CallerNameService(
            List.of(
                new TenantDirectorySource(memory, reader),
                new PlatformDirectorySource(memory, reader)),
            rules,
            cnam,
            meters,
            null); // only sipUser() asks which roles run
  }

  /** A name in the tenant's directory, answered from memory, cut to the tenant's 15. */
  @Benchmark
  public Optional<CallerName> directoryHit() {
    return names.inMemory(TENANT, KNOWN);
  }

  /** The same through the asynchronous face other roles and the HTTP resource call. */
  @Benchmark
  public CallerName directoryHitLookup() {
    return names.lookup(TENANT, KNOWN).toCompletableFuture().join();
  }

  /** An E.164 number nobody knows: both directories say so from memory. */
  @Benchmark
  public Optional<CallerName> e164Unknown() {
    return names.inMemory(TENANT, UNKNOWN);
  }

  /** The known number dialled nationally, read in the tenant's region. */
  @Benchmark
  public Optional<CallerName> nationalHit() {
    return names.inMemory(TENANT, "(415) 555-0123");
  }
}
