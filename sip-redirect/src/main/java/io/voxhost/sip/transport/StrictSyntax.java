package io.voxhost.sip.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What JAIN-SIP's parser lets through and RFC 3261, RFC 4475 and RFC 5118 do not, read from a
 * request's raw text: a second instance of a header that may appear once (the parser keeps one and
 * drops the other without a word), several values in such a header, and IPv6 references without
 * their brackets (which the parser quietly adds) or with one bracket only. Each problem is one
 * fixed phrase, the detail of a 400; no text of the request ever goes into it.
 */
final class StrictSyntax {

  /** Headers that may appear once (RFC 3261 7.3.1, 20), by every name they go by. */
  private static final Map<String, String> SINGLE = single();

  private static Map<String, String> single() {
    Map<String, String> single = new HashMap<>();
    single.put("call-id", "Call-ID");
    single.put("i", "Call-ID");
    single.put("cseq", "CSeq");
    single.put("from", "From");
    single.put("f", "From");
    single.put("to", "To");
    single.put("t", "To");
    single.put("max-forwards", "Max-Forwards");
    single.put("content-length", "Content-Length");
    single.put("l", "Content-Length");
    single.put("expires", "Expires");
    return Map.copyOf(single);
  }

  private StrictSyntax() {}

  /** The problem with a request's text, or null when there is none this class looks for. */
  static String problem(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    List<String> lines = headerLines(text);
    if (lines.isEmpty()) {
      return null;
    }
    String[] requestLine = lines.get(0).strip().split(" +");
    if (requestLine.length == 3 && !hostPortOfSipUriIsSound(requestLine[1])) {
      return "Malformed Request-URI";
    }
    Map<String, Integer> seen = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      String single = SINGLE.get(name);
      if (single != null) {
        if (seen.merge(single, 1, Integer::sum) > 1) {
          return "Duplicate " + single;
        }
        if (!topLevelCommas(value).isEmpty()) {
          return "Several Values in " + single;
        }
      }
      if ((name.equals("via") || name.equals("v")) && !viaIsSound(value)) {
        return "Malformed Via";
      }
    }
    return null;
  }

  /** Header lines (the request line first) up to the blank line, continuations joined. */
  private static List<String> headerLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length() && (text.charAt(start) == '\r' || text.charAt(start) == '\n')) {
      start++; // leading CRLFs, as the parser skips them
    }
    StringBuilder current = null;
    // Line by line up to the blank line, by hand: a regular expression split of the whole message,
    // body included, was an eighth of the CPU of an authenticated REGISTER (2026-12-07 profile).
    int end = text.length();
    for (int at = start; at < end; ) {
      int eol = at;
      while (eol < end && text.charAt(eol) != '\r' && text.charAt(eol) != '\n') {
        eol++;
      }
      String line = text.substring(at, eol);
      at =
          eol < end && text.charAt(eol) == '\r' && eol + 1 < end && text.charAt(eol + 1) == '\n'
              ? eol + 2
              : eol + 1;
      if (line.isEmpty()) {
        break;
      }
      boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
      if (continuation && current != null) {
        current.append(' ').append(line.strip());
        continue;
      }
      if (current != null) {
        lines.add(current.toString());
      }
      current = new StringBuilder(line);
    }
    if (current != null) {
      lines.add(current.toString());
    }
    return lines;
  }

  /** Where a value has commas outside quotes and angle brackets: where one value ends. */
  static List<Integer> topLevelCommas(String value) {
    List<Integer> commas = new ArrayList<>();
    boolean quoted = false;
    boolean angled = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '<') {
        angled = true;
      } else if (c == '>') {
        angled = false;
      } else if (c == ',' && !angled) {
        commas.add(i);
      }
    }
    return commas;
  }

  /** Each via-parm's sent-by (after {@code SIP/2.0/UDP}) is a sound host and port. */
  private static boolean viaIsSound(String value) {
    List<Integer> commas = topLevelCommas(value);
    int from = 0;
    for (int i = 0; i <= commas.size(); i++) {
      int to = i < commas.size() ? commas.get(i) : value.length();
      String parm = value.substring(from, to).strip();
      from = to + 1;
      int slash = parm.lastIndexOf('/', firstOf(parm, ';', parm.length()));
      if (slash < 0) {
        continue; // not ours to judge: the parser refuses it
      }
      String rest = parm.substring(slash + 1).stripLeading();
      int space = firstWhitespace(rest);
      if (space < 0) {
        continue;
      }
      String sentBy = rest.substring(space).strip();
      sentBy = sentBy.substring(0, firstOf(sentBy, ';', sentBy.length())).strip();
      if (!hostPortIsSound(sentBy)) {
        return false;
      }
    }
    return true;
  }

  /** A sip or sips URI's host and port are sound; other URIs are not judged here. */
  private static boolean hostPortOfSipUriIsSound(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    int schemeEnd;
    if (lower.startsWith("sip:")) {
      schemeEnd = 4;
    } else if (lower.startsWith("sips:")) {
      schemeEnd = 5;
    } else {
      return true;
    }
    int end = firstOf(uri, ';', firstOf(uri, '?', uri.length()));
    int at = uri.lastIndexOf('@', end - 1);
    int start = Math.max(schemeEnd, at + 1);
    return start <= end && hostPortIsSound(uri.substring(start, end));
  }

  /**
   * RFC 5118 4.x: an IPv6 address is written in brackets, both of them, and only a port may follow
   * the closing one; a host with more than one colon outside brackets is an unbracketed IPv6
   * address.
   */
  static boolean hostPortIsSound(String hostPort) {
    int open = hostPort.indexOf('[');
    int close = hostPort.indexOf(']');
    if (open < 0 && close < 0) {
      return hostPort.indexOf(':') == hostPort.lastIndexOf(':');
    }
    if (open != 0
        || close < 0
        || hostPort.indexOf('[', 1) >= 0
        || hostPort.indexOf(']', close + 1) >= 0) {
      return false;
    }
    String after = hostPort.substring(close + 1);
    return after.isEmpty() || after.matches(":[0-9]{1,5}");
  }

  private static int firstOf(String s, char c, int otherwise) {
    int i = s.indexOf(c);
    return i < 0 ? otherwise : i;
  }

  private static int firstWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
