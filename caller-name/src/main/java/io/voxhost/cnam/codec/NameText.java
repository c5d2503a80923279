package io.voxhost.cnam.codec;

import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A caller's name made fit to show on a phone: Unicode NFC; control and format characters (such as
 * NUL, CR/LF and bidi overrides, which could make a name read backwards) removed; runs of white
 * space folded to one space; trimmed; cut to a number of characters at a grapheme boundary, so no
 * accent or surrogate pair is split. What is left empty is no name.
 */
public final class NameText {

  /** The longest name ever kept; a tenant shows fewer (legacy CNAM: 15). */
  public static final int MAX_LENGTH = 255;

  private NameText() {}

  /** {@code raw} cleaned and cut to {@code maxChars} characters (graphemes); null if none left. */
  public static String clean(String raw, int maxChars) {
    if (raw == null) {
      return null;
    }
    if (isPlain(raw, maxChars)) {
      return raw; // printable ASCII, single spaces, trimmed, short enough: nothing to do
    }
    String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
    StringBuilder folded = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        space = folded.length() > 0;
        continue;
      }
      int type = Character.getType(cp);
      if (type == Character.CONTROL
          || type == Character.FORMAT
          || type == Character.SURROGATE
          || type == Character.PRIVATE_USE
          || type == Character.UNASSIGNED) {
        continue;
      }
      if (space) {
        folded.append(' ');
        space = false;
      }
      folded.appendCodePoint(cp);
    }
    // Removing a character can leave combining marks out of canonical order (a grave accent, then
    // a removed character, then a mark that sorts before it): normalise what is left again.
    String cut = cut(Normalizer.normalize(folded, Normalizer.Form.NFC), maxChars).strip();
    return cut.isEmpty() ? null : cut;
  }

  /** Whether {@code raw} is already clean: the common case answered without copying. */
  static boolean isPlain(String raw, int maxChars) {
    int n = raw.length();
    if (n == 0 || n > maxChars || raw.charAt(0) == ' ' || raw.charAt(n - 1) == ' ') {
      return false;
    }
    char previous = 'x';
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c > 0x7e || (c == ' ' && previous == ' ')) {
        return false;
      }
      previous = c;
    }
    return true;
  }

  /** The first {@code maxChars} graphemes (user-perceived characters) of {@code text}. */
  private static String cut(String text, int maxChars) {
    if (text.codePointCount(0, text.length()) <= maxChars) {
      return text;
    }
    BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
    graphemes.setText(text);
    int end = 0;
    for (int i = 0; i < maxChars; i++) {
      int next = graphemes.next();
      if (next == BreakIterator.DONE) {
        return text;
      }
      end = next;
    }
    return text.substring(0, end);
  }
}
