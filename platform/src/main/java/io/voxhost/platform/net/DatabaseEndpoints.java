package io.voxhost.platform.net;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The node's own database as host:port endpoints, which no tenant may make the node speak HTTP to
 * (webhooks, caller-name providers), even where private targets are allowed: {@link
 * #policy(boolean)} builds the {@link OutboundPolicy} that forbids them. Resolved once at start:
 * the JDBC URL is the operator's name, not a tenant's.
 */
@ApplicationScoped
public class DatabaseEndpoints {

  private static final Logger LOG = Logger.getLogger(DatabaseEndpoints.class);
  private static final String PREFIX = "jdbc:postgresql:";
  static final int DEFAULT_PORT = 5432;

  /** One host of the URL as written: a name or an IP literal (without brackets), and a port. */
  public record Endpoint(String host, int port) {}

  private final List<InetSocketAddress> resolved;

  /** Also for tests and code outside CDI: {@code jdbcUrl} empty means none forbidden. */
  public DatabaseEndpoints(
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl,
      HostResolver resolver) {
    this.resolved = resolve(jdbcUrl, resolver);
  }

  /** Every address of every host of the database URL, at its port. */
  public List<InetSocketAddress> endpoints() {
    return resolved;
  }

  /** Where tenants' outbound HTTP may go: the database never, private addresses as given. */
  public OutboundPolicy policy(boolean allowPrivate) {
    return new OutboundPolicy(allowPrivate, resolved);
  }

  /**
   * Resolves the hosts of {@code jdbcUrl}; a host that does not resolve is left out (logged at
   * debug: the database connection reports it better).
   */
  public static List<InetSocketAddress> resolve(Optional<String> jdbcUrl, HostResolver resolver) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (Endpoint endpoint : jdbcUrl.map(DatabaseEndpoints::parse).orElse(List.of())) {
      try {
        for (InetAddress a : resolver.resolve(endpoint.host())) {
          out.add(new InetSocketAddress(a, endpoint.port()));
        }
      } catch (UnknownHostException e) {
        LOG.debugf("The database host %s is not known to the outbound check", endpoint.host());
      }
    }
    return List.copyOf(out);
  }

  /**
   * The hosts of a PostgreSQL JDBC URL as pgjdbc reads them: {@code
   * jdbc:postgresql://h1[:p1][,h2[:p2]...]/db?...}, IPv6 literals in brackets, port 5432 where none
   * is given, {@code localhost} where the host is empty ({@code jdbc:postgresql:db}, {@code
   * jdbc:postgresql:///db}). Any other URL, or a host with a bad port, gives no endpoint for it.
   */
  public static List<Endpoint> parse(String jdbcUrl) {
    if (!jdbcUrl.startsWith(PREFIX)) {
      return List.of();
    }
    String rest = jdbcUrl.substring(PREFIX.length());
    if (!rest.startsWith("//")) {
      return List.of(new Endpoint("localhost", DEFAULT_PORT));
    }
    rest = rest.substring(2);
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int at = rest.indexOf(c);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    List<Endpoint> out = new ArrayList<>();
    for (String hostPort : rest.substring(0, end).split(",", -1)) {
      endpoint(hostPort.strip()).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  private static Optional<Endpoint> endpoint(String hostPort) {
    String host;
    String port;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = hostPort.substring(1, close);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        return Optional.empty();
      }
      port = after.isEmpty() ? "" : after.substring(1);
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? "" : hostPort.substring(colon + 1);
    }
    if (host.isEmpty()) {
      host = "localhost";
    }
    if (port.isEmpty()) {
      return Optional.of(new Endpoint(host, DEFAULT_PORT));
    }
    try {
      int p = Integer.parseInt(port);
      return p < 1 || p > 65_535 ? Optional.empty() : Optional.of(new Endpoint(host, p));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
