package io.voxhost.cnam.service;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.voxhost.cnam.CnamConfig;
import io.voxhost.cnam.api.CallerName;
import io.voxhost.platform.metrics.Meters;
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
                Duration.class, 200, new DurationConverter()) // 800ms, 24h as Quarkus reads them
            .build();
    CnamConfig cnam = config.getConfigMapping(CnamConfig.class);
    TenantLookupRules rules = new TenantLookupRules(new RulesInMemory(), null, cnam);
    rules.save(TENANT, new LookupRules("US", 15, List.of()));
    names = new CallerNameService(List.of(), rules, cnam, new Meters(new SimpleMeterRegistry()));
  }

  /** An E.164 number nobody knows: normalised, every source asked from memory. */
  @Benchmark
  public Optional<CallerName> e164Unknown() {
    return names.inMemory(TENANT, "+14155550123");
  }

  /** A national number read in the tenant's region. */
  @Benchmark
  public Optional<CallerName> nationalUnknown() {
    return names.inMemory(TENANT, "(415) 555-0123");
  }
}
