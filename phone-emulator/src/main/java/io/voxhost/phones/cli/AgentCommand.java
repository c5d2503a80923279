package io.voxhost.phones.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxhost.phones.transport.AgentServer;
import io.voxhost.phones.transport.Trust;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxhost-phones agent}: runs the slices of fleets that coordinators ({@code run --agents})
 * hand it, one coordinator at a time, from this machine's addresses. The tenant key and the audio
 * are the agent's own: no secret crosses the coordinator's line but the agent token.
 */
@Command(
    name = "agent",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = "Run slices of a coordinator's fleet from this machine.")
public final class AgentCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--listen",
      description = "Where coordinators connect, host:port (default: ${DEFAULT-VALUE})",
      defaultValue = "127.0.0.1:7070")
  String listen;

  @Option(
      names = "--token",
      description = "The token coordinators must name (or VOXHOST_AGENT_TOKEN)",
      defaultValue = "${env:VOXHOST_AGENT_TOKEN}")
  String token;

  @Option(
      names = "--key",
      description = "The tenant's full API key, for recording sessions (or VOXHOST_KEY)",
      defaultValue = "${env:VOXHOST_KEY}")
  String key;

  @Option(
      names = "--bind",
      description =
          "The first of this agent's phone addresses, the next ones counted up from it (default:"
              + " ${DEFAULT-VALUE}); agents on one machine need ranges apart",
      defaultValue = "127.0.1.1")
  String bind;

  @Option(names = "--audio-caller", description = "Raw G.711 for callers' legs (default: bundled)")
  Path callerAudio;

  @Option(names = "--audio-callee", description = "Raw G.711 for callees' legs (default: bundled)")
  Path calleeAudio;

  @Option(
      names = "--ca-file",
      description = "Trust only these PEM certificates for an https API (default: the JDK's CAs)")
  Path caFile;

  @Option(
      names = "--idle",
      description = "A coordinator silent this long loses its slice (default: ${DEFAULT-VALUE})",
      defaultValue = "PT1H",
      converter = RunCommand.DurationConverter.class)
  Duration idle;

  @Override
  public Integer call() throws Exception {
    if (token == null || token.isBlank()) {
      System.err.println("voxhost-phones agent: --token or VOXHOST_AGENT_TOKEN");
      return 2;
    }
    if (key == null || key.isBlank()) {
      System.err.println("voxhost-phones agent: --key or VOXHOST_KEY: a tenant's full API key");
      return 2;
    }
    javax.net.ssl.SSLContext tls = Trust.of(java.util.Optional.ofNullable(caFile));
    try (AgentServer server =
        new AgentServer(
            RunCommand.address(listen),
            token,
            slice ->
                new LocalFleet(
                    JSON.treeToValue(slice, FleetSpec.class),
                    key,
                    bind,
                    callerAudio,
                    calleeAudio,
                    tls),
            idle)) {
      System.err.println("voxhost-phones agent: listening on " + listen);
      server.serve();
    }
    return 0;
  }
}
