package io.voxhost.sip.transport;

/** {@code voxhost.sip.listen} parsed: {@code host:port} or {@code [v6]:port}. */
record ListenAddress(String host, int port) {

  static ListenAddress parse(String text) {
    String value = text.strip();
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException(
          "voxhost.sip.listen must be host:port, not '" + text + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("voxhost.sip.listen has a bad port: '" + text + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "voxhost.sip.listen port must be 1..65535: '" + text + "'");
    }
    return new ListenAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
