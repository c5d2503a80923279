package io.voxhost.platform.net;

/** A {@code voxhost.<role>.listen} setting parsed: {@code host:port} or {@code [v6]:port}. */
public record ListenAddress(String host, int port) {

  /**
   * @param setting the setting's name, for the message of a bad value
   */
  public static ListenAddress parse(String setting, String text) {
    String value = text.strip();
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException(setting + " must be host:port, not '" + text + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting + " has a bad port: '" + text + "'");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          setting + " port must be 0..65535 (0: any free port): '" + text + "'");
    }
    return new ListenAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
