package io.voxhost.phones.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxhost.phones.service.PhaseStats;
import io.voxhost.phones.service.Phases;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A coordinator and two agents over real TCP: each agent gets its slice and its share of a rate,
 * the phases' figures are merged (counts added, delays pooled), a wrong token is refused, and an
 * agent that dies is counted as its phones' failures.
 */
class AgentFleetTest {

  /** A slice that answers each phase with as many registrations as it has phones. */
  private static final class Slice implements Phases {
    final int phones;
    final long delayNanos;
    final List<String> heard = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    Slice(int phones, long delayNanos) {
      this.phones = phones;
      this.delayNanos = delayNanos;
    }

    volatile String failOn = "";

    private PhaseStats answer(String phase) {
      heard.add(phase);
      if (phase.equals(failOn)) {
        throw new IllegalStateException("the slice broke in " + phase);
      }
      long[] delays = new long[phones];
      java.util.Arrays.fill(delays, delayNanos);
      return PhaseStats.merged(
          phase,
          List.of(
              new PhaseStats.Snapshot(
                  phase,
                  1.5,
                  phones,
                  phones,
                  Map.of("register-408", 1L),
                  delays,
                  0,
                  0,
                  0,
                  0,
                  0,
                  0,
                  0,
                  new long[0],
                  new long[0],
                  List.of(),
                  List.of(),
                  new long[] {phones},
                  new long[] {phones},
                  new long[1],
                  new long[1])));
    }

    @Override
    public PhaseStats bootStorm(Duration limit) {
      return answer("boot-storm");
    }

    @Override
    public PhaseStats ramp(double perSecond, Duration limit) {
      return answer("ramp " + perSecond);
    }

    @Override
    public PhaseStats steady(Duration length) {
      return answer("steady " + length.toMillis());
    }

    @Override
    public PhaseStats callMix(double perSecond, Duration length, Duration hold, Duration limit) {
      return answer("call-mix " + perSecond);
    }

    @Override
    public PhaseStats registrationBurst(Duration limit) {
      return answer("registration-burst");
    }

    @Override
    public int size() {
      return phones;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static AgentServer agent(Slice slice) throws IOException {
    AgentServer s =
        new AgentServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            "t0ken",
            spec -> {
              assertThat(spec.path("first").isInt()).isTrue();
              return slice;
            },
            Duration.ofSeconds(30));
    Thread t = new Thread(s::serve, "test-agent");
    t.setDaemon(true);
    t.start();
    return s;
  }

  private static InetSocketAddress at(AgentServer s) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.port());
  }

  @Test
  void twoAgentsRunTheirSlicesAndTheCoordinatorAddsThemUp() throws Exception {
    Slice a = new Slice(30, 2_000_000);
    Slice b = new Slice(70, 8_000_000);
    try (AgentServer sa = agent(a);
        AgentServer sb = agent(b)) {
      try (AgentFleet fleet =
          AgentFleet.connect(
              List.of(at(sa), at(sb)),
              "t0ken",
              List.of(Map.of("first", 1), Map.of("first", 31)),
              Duration.ofSeconds(5))) {
        assertThat(fleet.size()).isEqualTo(100);
        PhaseStats.Summary storm = fleet.bootStorm(Duration.ofSeconds(5)).summary();
        assertThat(storm.registered()).isEqualTo(100);
        assertThat(storm.failures()).containsEntry("register-408", 2L);
        // 70 of the 100 delays are 8 ms: the pooled p50 is theirs, not an average of medians.
        assertThat(storm.registrationRequestDelayMs().p50()).isEqualTo(8.0);
        assertThat(storm.registrationRequestDelayMs().count()).isEqualTo(100);
        assertThat(storm.timeline().registered()[0]).isEqualTo(100);
        fleet.ramp(50, Duration.ofSeconds(5));
        fleet.callMix(10, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));
      }
      assertThat(a.heard).containsExactly("boot-storm", "ramp 25.0", "call-mix 5.0");
      assertThat(b.heard).isEqualTo(a.heard);
      // "end" closes each slice.
      Thread.sleep(200);
      assertThat(a.closed).isTrue();
      assertThat(b.closed).isTrue();
    }
  }

  @Test
  void aWrongTokenIsRefusedAndALostAgentCountsItsPhonesAsFailures() throws Exception {
    Slice a = new Slice(10, 1_000_000);
    try (AgentServer sa = agent(a)) {
      assertThatThrownBy(
              () ->
                  AgentFleet.connect(
                      List.of(at(sa)), "guess", List.of(Map.of("first", 1)), Duration.ofSeconds(5)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("wrong token");
      assertThat(a.heard).isEmpty();
      Slice b = new Slice(5, 1_000_000);
      AgentServer sb = agent(b);
      try (AgentFleet fleet =
          AgentFleet.connect(
              List.of(at(sa), at(sb)),
              "t0ken",
              List.of(Map.of("first", 1), Map.of("first", 11)),
              Duration.ofSeconds(5))) {
        b.failOn = "boot-storm";
        PhaseStats.Summary storm = fleet.bootStorm(Duration.ofSeconds(5)).summary();
        assertThat(storm.registered()).isEqualTo(10);
        assertThat(storm.failures()).containsEntry("agent-lost", 5L);
        // The lost agent gets no further phase; the other goes on.
        PhaseStats.Summary burst = fleet.registrationBurst(Duration.ofSeconds(5)).summary();
        assertThat(b.heard).containsExactly("boot-storm");
        assertThat(burst.registered()).isEqualTo(10);
        assertThat(burst.failures()).doesNotContainKey("agent-lost");
      }
      sb.close();
    }
  }
}
