package io.voxhost.cnam.codec;

import java.util.Locale;
import java.util.Optional;

/**
 * The number a lookup is asked about, taken out of what a client sends: a bare number, a {@code
 * tel:} URI or a {@code sip:}/{@code sips:} URI whose user part is the number (RFC 3966, RFC 3261
 * section 19.1.6). Parameters, headers and the host are dropped; nothing is validated here beyond
 * length and characters, which a phone-number parser then judges.
 */
public final class NumberText {

  /** Longer than any E.164 number with visual separators or an extension; more is an attack. */
  public static final int MAX_LENGTH = 64;

  private NumberText() {}

  /** The user part of {@code input}; empty when none is left or it is too long or not text. */
  public static Optional<String> userPart(String input) {
    if (input == null || input.length() > 4 * MAX_LENGTH) {
      return Optional.empty();
    }
    String s = input.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sip:")) {
      s = s.substring(4);
    } else if (lower.startsWith("sips:")) {
      s = s.substring(5);
    } else if (lower.startsWith("tel:")) {
      s = s.substring(4);
    }
    int end = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '@' || c == ';' || c == '?') {
        end = i;
        break;
      }
    }
    String user = s.substring(0, end).strip();
    if (user.isEmpty() || user.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < user.length(); i++) {
      char c = user.charAt(i);
      // Dial strings and extensions: digits, separators, letters (vanity numbers, named users).
      if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"' || c == '\\') {
        return Optional.empty();
      }
    }
    return Optional.of(user);
  }
}
