package io.voxhost.server.cli;

import io.smallrye.config.SmallRyeConfig;
import io.voxhost.platform.config.StartupFailure;
import io.voxhost.platform.node.BootstrapConfig;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the node's HTTP API is, and how long to wait for it: options shared by the commands. */
final class NodeOptions {

  private static final int DEFAULT_PORT = 8080;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "The node's HTTP address, such as http://127.0.0.1:8080. Default: quarkus.http.host and"
              + " quarkus.http.port as the node reads them (127.0.0.1 for a wildcard host).")
  URI url;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "How long to wait for the node to connect and to answer (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--json",
      description = "Print the node's answer as it came (JSON) instead of a table.")
  boolean json;

  NodeApi api() throws CommandFailure {
    if (timeoutSeconds < 1) {
      throw new CommandFailure(Exit.USAGE, "--timeout must be at least 1 second");
    }
    return new NodeApi(
        url != null ? withSlash(url) : fromConfig(), Duration.ofSeconds(timeoutSeconds));
  }

  /** The node's configuration, as the node reads it; a setting it would refuse stops here. */
  static SmallRyeConfig config() throws CommandFailure {
    try {
      return BootstrapConfig.read();
    } catch (StartupFailure e) {
      throw new CommandFailure(Exit.CONFIG, ConfigCheck.oneLine(e.getMessage()));
    }
  }

  /** The address the node listens on, from the sources the node itself reads. */
  private static URI fromConfig() throws CommandFailure {
    SmallRyeConfig config = config();
    int port = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(DEFAULT_PORT);
    if (port == 0) {
      throw new CommandFailure(
          Exit.USAGE, "quarkus.http.port is 0 (a random port): name the node with --url");
    }
    String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
    return URI.create("http://" + connectable(host) + ":" + port + "/");
  }

  /** A wildcard listens on every address; loopback is one of them. */
  private static String connectable(String host) {
    return switch (host.strip()) {
      case "0.0.0.0", "" -> "127.0.0.1";
      case "::", "[::]" -> "[::1]";
      default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    };
  }

  private static URI withSlash(URI uri) {
    return uri.getPath() == null || uri.getPath().endsWith("/")
        ? uri
        : URI.create(uri.toString() + "/");
  }
}
