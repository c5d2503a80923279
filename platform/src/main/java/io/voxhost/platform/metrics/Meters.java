package io.voxhost.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The one way meters are registered: every name a {@link MeterName}, every meter with a
 * description, tags as key/value pairs. Roles take this, never the registry.
 */
@ApplicationScoped
public class Meters {

  private final MeterRegistry registry;

  public Meters(MeterRegistry registry) {
    this.registry = registry;
  }

  public Counter counter(MeterName name, String description, String... tags) {
    return Counter.builder(name.toString())
        .description(description)
        .tags(Tags.of(tags))
        .register(registry);
  }

  /** A counter summed from a {@link LongAdder}: the cheapest to bump on a hot path. */
  public LongAdder adder(MeterName name, String description, String... tags) {
    LongAdder adder = new LongAdder();
    FunctionCounter.builder(name.toString(), adder, LongAdder::sum)
        .description(description)
        .tags(Tags.of(tags))
        .register(registry);
    return adder;
  }

  public Timer timer(MeterName name, String description, String... tags) {
    return Timer.builder(name.toString())
        .description(description)
        .tags(Tags.of(tags))
        .register(registry);
  }

  /**
   * A gauge that reads {@code value}, replacing one of the same name and tags: a role that restarts
   * makes new objects, and the gauge must read those, not the ones that were let go.
   */
  public void gauge(MeterName name, String description, Supplier<Number> value, String... tags) {
    Meter.Id id = new Meter.Id(name.toString(), Tags.of(tags), null, null, Meter.Type.GAUGE);
    Gauge old = registry.find(id.getName()).tags(id.getTags()).gauge();
    if (old != null) {
      registry.remove(old);
    }
    Gauge.builder(name.toString(), value)
        .description(description)
        .tags(Tags.of(tags))
        .strongReference(true)
        .register(registry);
  }
}
