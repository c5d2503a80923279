package io.voxhost.phones.codec;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A request that reached a simulated phone: what it answers with, its header lines as they came (a
 * response copies Via, From, To, Call-ID and CSeq), and where it came from (responses go back
 * there, as rport asks).
 */
public record SipIncoming(
    String method,
    String requestUser,
    String callId,
    String branch,
    List<String> viaLines,
    String fromLine,
    String toLine,
    boolean toHasTag,
    String cseqLine,
    InetSocketAddress source) {

  /**
   * The response's text: {@code status reason}, a To tag added when the request had none, an
   * optional Contact and an optional SDP body.
   */
  public String response(int status, String reason, String toTag, String contact, String sdp) {
    StringBuilder s = new StringBuilder(512);
    s.append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
    viaLines.forEach(v -> s.append(v.strip()).append("\r\n"));
    s.append(fromLine.strip()).append("\r\n");
    s.append(toLine.strip());
    if (!toHasTag && status > 100) {
      s.append(";tag=").append(toTag);
    }
    s.append("\r\n");
    s.append("Call-ID: ").append(callId).append("\r\n");
    s.append(cseqLine.strip()).append("\r\n");
    if (contact != null) {
      s.append("Contact: <").append(contact).append(">\r\n");
    }
    if (sdp != null) {
      s.append("Content-Type: application/sdp\r\n");
      s.append("Content-Length: ").append(sdp.length()).append("\r\n\r\n").append(sdp);
    } else {
      s.append("Content-Length: 0\r\n\r\n");
    }
    return s.toString();
  }
}
