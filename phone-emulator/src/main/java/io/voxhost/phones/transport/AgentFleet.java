package io.voxhost.phones.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxhost.phones.service.PhaseStats;
import io.voxhost.phones.service.Phases;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fleet run by agents (on this machine or others), seen as one: each phase is sent to every agent
 * at once, with its share of any rate, and their figures are merged. An agent that fails or stays
 * silent past the phase's time is dropped: its phones count as failures of kind {@code agent-lost}
 * in that phase, and it gets no further phase.
 */
public final class AgentFleet implements Phases {

  /**
   * Bytes of an agent's answer at most: a phase's whole figures for 100,000 phones fit many times.
   */
  static final int MAX_ANSWER = 256 * 1024 * 1024;

  /** Beyond a phase's own length and limit, how long an agent may take to answer. */
  static final Duration SLACK = Duration.ofSeconds(60);

  /** One agent: its address, its line, its phones. */
  private record Agent(InetSocketAddress address, JsonLines line, int phones) {}

  private final List<Agent> agents = new ArrayList<>();
  private final ExecutorService waiting;
  private final int size;

  private AgentFleet(List<Agent> agents) {
    this.agents.addAll(agents);
    this.size = agents.stream().mapToInt(Agent::phones).sum();
    this.waiting =
        Executors.newFixedThreadPool(
            agents.size(),
            r -> {
              Thread t = new Thread(r, "phones-agent");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Connects to each agent, names the token and hands it its slice ({@code slices.get(i)}, any
   * JSON-able value); fails when an agent cannot be reached or refuses.
   */
  public static AgentFleet connect(
      List<InetSocketAddress> addresses, String token, List<?> slices, Duration timeout)
      throws IOException {
    List<Agent> agents = new ArrayList<>();
    try {
      for (int i = 0; i < addresses.size(); i++) {
        InetSocketAddress a = addresses.get(i);
        Socket s = new Socket();
        s.connect(a, (int) timeout.toMillis());
        s.setTcpNoDelay(true);
        JsonLines line = new JsonLines(s, MAX_ANSWER);
        line.send(Map.of("token", token, "slice", slices.get(i)));
        JsonNode answer = line.receive(timeout);
        if (!answer.path("ready").asBoolean()) {
          line.close();
          throw new IOException("agent " + a + ": " + answer.path("error").asText("no answer"));
        }
        agents.add(new Agent(a, line, answer.path("phones").asInt()));
      }
    } catch (IOException e) {
      for (Agent a : agents) {
        a.line().close();
      }
      throw e;
    }
    return new AgentFleet(agents);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public PhaseStats bootStorm(Duration limit) throws InterruptedException {
    return phase("boot-storm", Map.of("limitMs", limit.toMillis()), limit);
  }

  @Override
  public PhaseStats ramp(double perSecond, Duration limit) throws InterruptedException {
    return phase(
        "ramp",
        Map.of("limitMs", limit.toMillis(), "perSecond", perSecond / agents.size()),
        limit.plusSeconds((long) Math.ceil(size / perSecond)));
  }

  @Override
  public PhaseStats steady(Duration length) throws InterruptedException {
    return phase("steady", Map.of("lengthMs", length.toMillis()), length);
  }

  @Override
  public PhaseStats callMix(double perSecond, Duration length, Duration hold, Duration limit)
      throws InterruptedException {
    return phase(
        "call-mix",
        Map.of(
            "limitMs", limit.toMillis(),
            "perSecond", perSecond / agents.size(),
            "lengthMs", length.toMillis(),
            "holdMs", hold.toMillis()),
        length.plus(limit));
  }

  @Override
  public PhaseStats registrationBurst(Duration limit) throws InterruptedException {
    return phase("registration-burst", Map.of("limitMs", limit.toMillis()), limit);
  }

  private PhaseStats phase(String name, Map<String, Object> args, Duration takes)
      throws InterruptedException {
    Map<String, Object> command = new LinkedHashMap<>(args);
    command.put("phase", name);
    Duration wait = takes.plus(SLACK);
    List<Future<PhaseStats.Snapshot>> answers = new ArrayList<>();
    for (Agent a : agents) {
      answers.add(
          waiting.submit(
              () -> {
                a.line().send(command);
                JsonNode answer = a.line().receive(wait);
                return JsonLines.JSON.treeToValue(
                    answer.path("snapshot"), PhaseStats.Snapshot.class);
              }));
    }
    List<PhaseStats.Snapshot> parts = new ArrayList<>();
    List<Agent> lost = new ArrayList<>();
    for (int i = 0; i < agents.size(); i++) {
      try {
        parts.add(answers.get(i).get());
      } catch (java.util.concurrent.ExecutionException e) {
        Agent a = agents.get(i);
        System.err.println(
            "voxhost-phones: agent " + a.address() + " lost in " + name + ": " + e.getCause());
        lost.add(a);
        parts.add(lostAgent(name, a.phones()));
      }
    }
    for (Agent a : lost) {
      agents.remove(a);
      closeQuietly(a);
    }
    return PhaseStats.merged(name, parts);
  }

  /** What a lost agent counts: each of its phones a failure. */
  private static PhaseStats.Snapshot lostAgent(String phase, int phones) {
    PhaseStats none = new PhaseStats(phase);
    none.end();
    PhaseStats.Snapshot s = none.snapshot();
    return new PhaseStats.Snapshot(
        phase,
        s.seconds(),
        0,
        0,
        Map.of("agent-lost", (long) phones),
        s.registrationNanos(),
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        s.redirectNanos(),
        s.setupNanos(),
        List.of(),
        List.of(),
        s.fetchedTenths(),
        s.registeredTenths(),
        s.completedTenths(),
        s.failedTenths());
  }

  private static void closeQuietly(Agent a) {
    try {
      a.line().close();
    } catch (IOException e) {
      // It is gone either way.
    }
  }

  @Override
  public void close() {
    for (Agent a : agents) {
      try {
        a.line().send(Map.of("phase", "end"));
      } catch (IOException e) {
        // Closing it below ends its slice too.
      }
      closeQuietly(a);
    }
    waiting.shutdownNow();
  }
}
