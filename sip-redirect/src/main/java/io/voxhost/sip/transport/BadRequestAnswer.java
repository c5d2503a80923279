package io.voxhost.sip.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The 400 for a request too broken to parse (or the 513 for one too long), made from its raw text:
 * a response needs the request's Via, From, To, Call-ID and CSeq (RFC 3261 8.2.6.2), so it can be
 * made only when those lines are there; otherwise there is nobody to answer and the request is
 * dropped. Unlike JAIN-SIP's own answer it does not echo the request back in the body, which would
 * make every forged datagram an amplifier.
 */
final class BadRequestAnswer {

  private static final int MAX_REASON = 120;

  private BadRequestAnswer() {}

  /** The 400 to send, or null when the request cannot be answered. */
  static byte[] of(byte[] request, String problem) {
    return answer(request, "400 " + reason(problem));
  }

  /**
   * The 513 for a request longer than a node takes over a connection (RFC 3261 21.5.14), made from
   * its first bytes; null when they cannot be answered.
   */
  static byte[] tooLarge(byte[] head) {
    return answer(head, "513 Message Too Large");
  }

  /** The status code of an answer made here. */
  static int status(byte[] answer) {
    return Integer.parseInt(new String(answer, 8, 3, StandardCharsets.ISO_8859_1));
  }

  private static byte[] answer(byte[] request, String status) {
    String text = new String(request, StandardCharsets.ISO_8859_1);
    if (text.startsWith("SIP/") || text.startsWith("ACK ")) {
      return null; // responses and ACKs are never answered
    }
    List<String> vias = new ArrayList<>();
    String from = null;
    String to = null;
    String callId = null;
    String cseq = null;
    for (String line : unfoldedHeaders(text)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      switch (name) {
        case "via", "v" -> vias.add(value);
        case "from", "f" -> from = value;
        case "to", "t" -> to = value;
        case "call-id", "i" -> callId = value;
        case "cseq" -> cseq = value;
        default -> {}
      }
    }
    if (vias.isEmpty() || from == null || to == null || callId == null || cseq == null) {
      return null;
    }
    if (!to.toLowerCase(Locale.ROOT).contains(";tag=")) {
      to = to + ";tag=" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
    StringBuilder out = new StringBuilder(512);
    out.append("SIP/2.0 ").append(status).append("\r\n");
    for (String via : vias) {
      out.append("Via: ").append(via).append("\r\n");
    }
    out.append("From: ").append(from).append("\r\n");
    out.append("To: ").append(to).append("\r\n");
    out.append("Call-ID: ").append(callId).append("\r\n");
    out.append("CSeq: ").append(cseq).append("\r\n");
    out.append("Content-Length: 0\r\n\r\n");
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Header lines up to the blank line, continuation lines joined to the line they continue. */
  private static List<String> unfoldedHeaders(String text) {
    List<String> headers = new ArrayList<>();
    StringBuilder current = null;
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
      String line = lines[i];
      boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
      if (!continuation) {
        if (current != null) {
          headers.add(current.toString());
        }
        current = new StringBuilder(line);
      } else if (current != null) {
        current.append(' ').append(line.strip());
      }
    }
    if (current != null) {
      headers.add(current.toString());
    }
    return headers;
  }

  /** A reason phrase that cannot break the status line: printable ASCII, bounded. */
  private static String reason(String problem) {
    StringBuilder reason = new StringBuilder("Bad Request");
    if (problem != null && !problem.isBlank()) {
      reason.append(" (");
      for (int i = 0; i < problem.length() && reason.length() < MAX_REASON; i++) {
        char c = problem.charAt(i);
        reason.append(c >= 0x20 && c < 0x7f ? c : ' ');
      }
      reason.append(')');
    }
    return reason.toString();
  }
}
