package io.voxhost.phones.codec;

/** The lines every request of a phone starts with: request line, Via, Max-Forwards, From, To. */
final class SipLines {

  private SipLines() {}

  /**
   * {@code method uri}, a Via of {@code transport} (UDP, TCP, TLS) from {@code host:port} with
   * {@code branch} and rport, Max-Forwards 70, From with its tag and To with its tag when it has
   * one.
   */
  static StringBuilder start(
      String transport,
      String method,
      String uri,
      String host,
      int port,
      String branch,
      String fromUser,
      String fromDomain,
      String fromTag,
      String toUser,
      String toDomain,
      String toTag) {
    StringBuilder s = new StringBuilder(768);
    s.append(method).append(' ').append(uri).append(" SIP/2.0\r\n");
    s.append("Via: SIP/2.0/").append(transport).append(' ').append(host).append(':').append(port);
    s.append(";branch=").append(branch).append(";rport\r\n");
    s.append("Max-Forwards: 70\r\n");
    s.append("From: <sip:").append(fromUser).append('@').append(fromDomain).append(">;tag=");
    s.append(fromTag).append("\r\n");
    s.append("To: <sip:").append(toUser).append('@').append(toDomain).append('>');
    if (toTag != null) {
      s.append(";tag=").append(toTag);
    }
    return s.append("\r\n");
  }
}
