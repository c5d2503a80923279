package io.voxhost.phones.codec;

import java.util.Optional;

/**
 * An INVITE, ACK or BYE a simulated phone sends (RFC 3261 sections 13 and 15), as text. An INVITE
 * carries an SDP offer of G.711 (PCMU, PCMA) and telephone-event.
 */
public record DialogRequest(
    String method,
    String requestUri,
    String localHost,
    int localPort,
    String branch,
    String fromUser,
    String fromDomain,
    String fromTag,
    String toUser,
    String toDomain,
    Optional<String> toTag,
    String callId,
    long cseq,
    String contactUser,
    String userAgent,
    Optional<String> authorization,
    int rtpPort) {

  public String text() {
    StringBuilder s =
        SipLines.start(
            "UDP",
            method,
            requestUri,
            localHost,
            localPort,
            branch,
            fromUser,
            fromDomain,
            fromTag,
            toUser,
            toDomain,
            toTag.orElse(null));
    s.append("Call-ID: ").append(callId).append("\r\n");
    s.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
    if (method.equals("INVITE")) {
      s.append("Contact: <sip:")
          .append(contactUser)
          .append('@')
          .append(localHost)
          .append(':')
          .append(localPort)
          .append(">\r\n");
    }
    s.append("User-Agent: ").append(userAgent).append("\r\n");
    authorization.ifPresent(a -> s.append("Authorization: ").append(a).append("\r\n"));
    if (method.equals("INVITE")) {
      String sdp = offer(localHost, rtpPort, cseq);
      s.append("Content-Type: application/sdp\r\n");
      s.append("Content-Length: ").append(sdp.length()).append("\r\n\r\n").append(sdp);
    } else {
      s.append("Content-Length: 0\r\n\r\n");
    }
    return s.toString();
  }

  /** An SDP offer (RFC 4566) of PCMU, PCMA and telephone-event at {@code host:port}. */
  public static String offer(String host, int port, long version) {
    return "v=0\r\n"
        + "o=- "
        + (1000 + version)
        + " "
        + (1000 + version)
        + " IN IP4 "
        + host
        + "\r\n"
        + "s=-\r\n"
        + "c=IN IP4 "
        + host
        + "\r\n"
        + "t=0 0\r\n"
        + "m=audio "
        + port
        + " RTP/AVP 0 8 101\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\n"
        + "a=sendrecv\r\n";
  }
}
