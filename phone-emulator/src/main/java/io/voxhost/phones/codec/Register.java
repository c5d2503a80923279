package io.voxhost.phones.codec;

import java.util.Locale;
import java.util.Optional;

/**
 * A REGISTER a simulated phone sends (RFC 3261 section 10), as text: one line's binding of {@code
 * contactUser} at the phone's address, asked for {@code expires} seconds.
 */
public record Register(
    String user,
    String domain,
    String contactUser,
    String localHost,
    int localPort,
    String callId,
    String fromTag,
    long cseq,
    String branch,
    int expires,
    String userAgent,
    Optional<String> authorization) {

  /** The Request-URI, also the digest's {@code uri}. */
  public String uri() {
    return "sip:" + domain;
  }

  public String text() {
    return text("UDP");
  }

  /**
   * The REGISTER as sent over {@code transport} (UDP, TCP or TLS): its Via names it, and a
   * connection's Contact says {@code ;transport=} (RFC 3261 19.1.1).
   */
  public String text(String transport) {
    StringBuilder s =
        SipLines.start(
            transport,
            "REGISTER",
            uri(),
            localHost,
            localPort,
            branch,
            user,
            domain,
            fromTag,
            user,
            domain,
            null);
    s.append("Call-ID: ").append(callId).append("\r\n");
    s.append("CSeq: ").append(cseq).append(" REGISTER\r\n");
    s.append("Contact: <sip:")
        .append(contactUser)
        .append('@')
        .append(localHost)
        .append(':')
        .append(localPort)
        .append(transport.equals("UDP") ? "" : ";transport=" + transport.toLowerCase(Locale.ROOT))
        .append(">;expires=")
        .append(expires)
        .append("\r\n");
    s.append("Expires: ").append(expires).append("\r\n");
    s.append("User-Agent: ").append(userAgent).append("\r\n");
    authorization.ifPresent(a -> s.append("Authorization: ").append(a).append("\r\n"));
    s.append("Content-Length: 0\r\n\r\n");
    return s.toString();
  }
}
