package io.voxhost.cti.service;

import io.voxhost.cti.CtiConfig;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PBXs this node signs in to ({@code voxhost.cti.switches}), checked when the node starts (a
 * wrong key stops it, naming the key), and how each link is doing, for its tenant to see.
 */
@ApplicationScoped
public class SwitchLinks {

  /** Where a link is. */
  public enum State {
    /** Connecting or signing in. */
    CONNECTING,
    /** Signed in, reading events. */
    SIGNED_IN,
    /** The PBX refused the user or the secret; tried again after the longest wait. */
    REFUSED,
    /** The tenant holds all the streams it may; tried again later. */
    BUSY,
    /** Not connected; tried again after a wait. */
    DOWN
  }

  /** One link's state, for its tenant. */
  public record Status(
      String name,
      SwitchLink.Kind kind,
      String instance,
      String address,
      State state,
      Instant since,
      long signIns,
      long linesRead,
      Optional<String> problem) {}

  private final Map<String, SwitchLink> links;
  private final Map<String, Status> status = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lines = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  @Inject
  SwitchLinks(CtiConfig config, Meters meters) {
    this(config.switches());
    meters.gauge(
        MeterName.of("cti", "switches_signed_in"),
        "PBXs this node is signed in to and reading events from",
        () -> status.values().stream().filter(s -> s.state() == State.SIGNED_IN).count());
  }

  /** Links as the settings describe them. */
  public SwitchLinks(Map<String, CtiConfig.Switch> settings) {
    Map<String, SwitchLink> read = new java.util.TreeMap<>();
    settings.forEach((name, s) -> read.put(name, SwitchLink.of(name, s)));
    this.links = Map.copyOf(read);
    Instant now = clock.instant();
    for (SwitchLink l : links.values()) {
      lines.put(l.name(), new AtomicLong());
      status.put(
          l.name(),
          new Status(
              l.name(),
              l.kind(),
              l.instance(),
              l.address(),
              State.DOWN,
              now,
              0,
              0,
              Optional.of("not started")));
    }
  }

  public List<SwitchLink> links() {
    return links.values().stream().sorted(Comparator.comparing(SwitchLink::name)).toList();
  }

  /** The link is in {@code state} now, for {@code problem} (empty when none). */
  public void state(SwitchLink link, State state, Optional<String> problem) {
    status.compute(
        link.name(),
        (name, was) ->
            new Status(
                name,
                link.kind(),
                link.instance(),
                link.address(),
                state,
                was != null && was.state() == state ? was.since() : clock.instant(),
                (was == null ? 0 : was.signIns()) + (state == State.SIGNED_IN ? 1 : 0),
                0,
                problem.map(p -> p.length() > 300 ? p.substring(0, 300) : p)));
  }

  /** Lines (AMI's) or events (ESL's) read from the link. */
  public void read(SwitchLink link, long n) {
    lines.get(link.name()).addAndGet(n);
  }

  /** The tenant's links, by name. */
  public List<Status> of(UUID tenant) {
    return links().stream()
        .filter(l -> l.tenant().equals(tenant))
        .map(
            l -> {
              Status s = status.get(l.name());
              return new Status(
                  s.name(),
                  s.kind(),
                  s.instance(),
                  s.address(),
                  s.state(),
                  s.since(),
                  s.signIns(),
                  lines.get(l.name()).get(),
                  s.problem());
            })
        .toList();
  }
}
