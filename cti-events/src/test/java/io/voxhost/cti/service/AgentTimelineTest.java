package io.voxhost.cti.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.cti.service.AgentTimeline.AgentEvent;
import io.voxhost.cti.service.AgentTimeline.Replay;
import io.voxhost.cti.service.AgentTimeline.Slice;
import io.voxhost.cti.service.AgentTimeline.State;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentTimelineTest {

  private static final Instant NINE = Instant.parse("2024-12-06T09:00:00Z");

  private static AgentEvent at(long seconds, EventType type, String queue) {
    return new AgentEvent(NINE.plusSeconds(seconds), type, queue);
  }

  private static Slice slice(long bucketSeconds, long staffed, long paused) {
    return new Slice(NINE.plusSeconds(bucketSeconds), staffed, paused);
  }

  @Test
  void aShiftIsCutIntoBucketsWithItsPause() {
    // In at 9:05 to every queue, paused 9:20 to 9:25, out at 9:40.
    Replay r =
        AgentTimeline.replay(
            State.OFF,
            NINE,
            List.of(
                at(300, EventType.AGENT_LOGIN, null),
                at(1200, EventType.AGENT_PAUSE, "support"),
                at(1500, EventType.AGENT_UNPAUSE, null),
                at(2400, EventType.AGENT_LOGOFF, null)));
    assertThat(r.slices())
        .containsExactly(
            slice(0, 600_000, 0), slice(900, 900_000, 300_000), slice(1800, 600_000, 0));
    assertThat(r.end()).isEqualTo(State.OFF);
    assertThat(r.changes()).hasSize(4);
  }

  @Test
  void anAgentIsStaffedWhileInAnyQueueAndUnpausedWhenItLeavesTheLast() {
    Replay r =
        AgentTimeline.replay(
            State.OFF,
            NINE,
            List.of(
                at(0, EventType.AGENT_LOGIN, "sales"),
                at(60, EventType.AGENT_LOGIN, "support"),
                at(120, EventType.AGENT_PAUSE, null),
                at(180, EventType.AGENT_LOGOFF, "sales"),
                at(240, EventType.AGENT_LOGOFF, "support"),
                // A pause while logged off is nothing; the next login starts unpaused.
                at(300, EventType.AGENT_PAUSE, null),
                at(360, EventType.AGENT_LOGIN, "sales")));
    assertThat(r.slices()).containsExactly(slice(0, 240_000, 120_000));
    assertThat(r.end()).isEqualTo(new State(Set.of("sales"), false));
  }

  @Test
  void aReplayContinuesFromTheStateItStartsIn() {
    // Logged in since yesterday; the replay starts at 9:00 and the logoff comes at 9:30.
    Replay r =
        AgentTimeline.replay(
            new State(Set.of("support"), true),
            NINE,
            List.of(at(1800, EventType.AGENT_LOGOFF, "support")));
    assertThat(r.slices())
        .containsExactly(slice(0, 900_000, 900_000), slice(900, 900_000, 900_000));
  }
}
