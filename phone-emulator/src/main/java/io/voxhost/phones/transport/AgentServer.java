package io.voxhost.phones.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxhost.phones.service.PhaseStats;
import io.voxhost.phones.service.Phases;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;

/**
 * An agent: runs a coordinator's slice of the fleet. It takes one coordinator at a time over TCP,
 * which must first name the agent's token; then the slice's description, from which the agent
 * builds its phones; then one phase at a time, each answered with the phase's whole figures ({@link
 * PhaseStats.Snapshot}); {@code end}, silence for {@code idle}, or a broken line closes the slice.
 */
public final class AgentServer implements AutoCloseable {

  /** Bytes of a coordinator's line at most: its commands are small. */
  static final int MAX_COMMAND = 64 * 1024;

  private static final Duration HELLO = Duration.ofSeconds(30);

  /** How an agent builds its slice from the coordinator's description of it. */
  public interface Slices {
    Phases open(JsonNode slice) throws Exception;
  }

  private final ServerSocket listen;
  private final byte[] tokenHash;
  private final Slices slices;
  private final Duration idle;
  private volatile boolean closed;

  public AgentServer(InetSocketAddress address, String token, Slices slices, Duration idle)
      throws IOException {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("an agent needs a token");
    }
    this.listen = new ServerSocket();
    this.listen.bind(address, 4);
    this.tokenHash = sha256(token);
    this.slices = slices;
    this.idle = idle;
  }

  public int port() {
    return listen.getLocalPort();
  }

  /** Serves coordinators one after another until closed; each one's problems end only its run. */
  public void serve() {
    while (!closed) {
      try (Socket s = listen.accept();
          JsonLines line = new JsonLines(s, MAX_COMMAND)) {
        s.setTcpNoDelay(true);
        session(line);
      } catch (IOException | RuntimeException e) {
        // The coordinator's line is closed with its slice; the agent waits for the next one.
        if (!closed) {
          System.err.println("voxhost-phones agent: " + e);
        }
      }
    }
  }

  private void session(JsonLines line) throws IOException {
    JsonNode hello = line.receive(HELLO);
    if (!MessageDigest.isEqual(sha256(hello.path("token").asText("")), tokenHash)) {
      line.send(Map.of("error", "wrong token"));
      System.err.println("voxhost-phones agent: a wrong token from " + line.peer());
      return;
    }
    Phases phases;
    try {
      phases = slices.open(hello.path("slice"));
    } catch (Exception e) {
      line.send(Map.of("error", "the slice could not start: " + e.getMessage()));
      return;
    }
    try (phases) {
      line.send(Map.of("ready", true, "phones", phases.size()));
      System.err.println("voxhost-phones agent: " + phases.size() + " phones for " + line.peer());
      while (true) {
        JsonNode command = line.receive(idle);
        String phase = command.path("phase").asText();
        if (phase.equals("end")) {
          return;
        }
        PhaseStats stats = run(phases, phase, command);
        line.send(Map.of("snapshot", stats == null ? Map.of() : stats.snapshot()));
        if (stats == null) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The phase a command names, run; null for one it does not know. */
  private static PhaseStats run(Phases phases, String phase, JsonNode c)
      throws InterruptedException {
    Duration limit = Duration.ofMillis(c.path("limitMs").asLong(120_000));
    return switch (phase) {
      case "boot-storm" -> phases.bootStorm(limit);
      case "ramp" -> phases.ramp(c.path("perSecond").asDouble(), limit);
      case "steady" -> phases.steady(Duration.ofMillis(c.path("lengthMs").asLong()));
      case "call-mix" ->
          phases.callMix(
              c.path("perSecond").asDouble(),
              Duration.ofMillis(c.path("lengthMs").asLong()),
              Duration.ofMillis(c.path("holdMs").asLong()),
              limit);
      case "registration-burst" -> phases.registrationBurst(limit);
      default -> null;
    };
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listen.close();
  }
}
