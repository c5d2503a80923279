package io.voxhost.platform.net;

/**
 * A {@code voxhost.<role>.listen} setting: {@code host:port}, {@code [v6]:port}, or for a role that
 * opens a socket per call (RTP) {@code host:first-last}. Port 0 means any free port.
 */
public record ListenAddress(String host, int port, int lastPort) {

  public ListenAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("a listen address needs a host (0.0.0.0 for every one)");
    }
    if (port < 0 || lastPort > 65535 || lastPort < port) {
      throw new IllegalArgumentException(
          "ports must be 0..65535, a range low-high: " + port + "-" + lastPort);
    }
  }

  /** One port. */
  public ListenAddress(String host, int port) {
    this(host, port, port);
  }

  /** Reads {@code text}; the message of a bad value says what was expected, not the key. */
  public static ListenAddress parse(String text) {
    String value = text.strip();
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException("expected host:port, not '" + text + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String ports = value.substring(colon + 1);
    int dash = ports.indexOf('-');
    try {
      return dash < 0
          ? new ListenAddress(host, Integer.parseInt(ports))
          : new ListenAddress(
              host,
              Integer.parseInt(ports.substring(0, dash)),
              Integer.parseInt(ports.substring(dash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a port number or range in '" + text + "'");
    }
  }

  /** Whether it names a range of ports rather than one. */
  public boolean isRange() {
    return lastPort != port;
  }

  /** How many ports it names. */
  public int portCount() {
    return lastPort - port + 1;
  }

  /** This address, refusing a range: for a role that listens on one port. */
  public ListenAddress single(String setting) {
    if (isRange()) {
      throw new IllegalArgumentException(setting + " takes one port, not a range: " + this);
    }
    return this;
  }

  /** Whether the host is the wildcard (every address of the machine). */
  public boolean isWildcard() {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + (isRange() ? "-" + lastPort : "");
  }
}
