package io.voxhost.cnam.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names made fit for a phone's screen. */
class NameTextTest {

  @ParameterizedTest(name = "[{0}] at {1} -> [{2}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "Acme Plumbing|50|Acme Plumbing",
        "  Acme   Plumbing  |50|Acme Plumbing",
        "ACME PLUMBING SERVICES INC|15|ACME PLUMBING S",
        "Acme Plumbing Services|13|Acme Plumbing",
        "Acme Plumbing Services|14|Acme Plumbing", // the cut ends on a space: stripped
        "'   '|50|",
        "''|50|",
      })
  void cleansAndCuts(String raw, int max, String expected) {
    assertThat(NameText.clean(raw, max)).isEqualTo(expected);
  }

  @Test
  void removesControlAndFormatCharacters() {
    assertThat(NameText.clean("Ac\u0000me\r\nCorp", 50)).isEqualTo("Acme Corp");
    // A right-to-left override would make the rest of the line read backwards on a phone.
    assertThat(NameText.clean("Bob \u202eevil", 50)).isEqualTo("Bob evil");
    assertThat(NameText.clean("\u200b\u0007", 50)).isNull();
    assertThat(NameText.clean("tab\there", 50)).isEqualTo("tab here");
  }

  @Test
  void normalisesToNfcAndNeverSplitsACharacter() {
    String decomposed = "Jose\u0301 Garci\u0301a"; // e and i with combining acute accents
    assertThat(NameText.clean(decomposed, 50)).isEqualTo("Jos\u00e9 Garc\u00eda");
    // q with a dot above has no composed form: the mark stays with its letter, or both go.
    assertThat(NameText.clean("Aq\u0307b", 2)).isEqualTo("Aq\u0307");
    assertThat(NameText.clean("Aq\u0307b", 1)).isEqualTo("A");
    assertThat(NameText.clean("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", 2))
        .isEqualTo("\uD83D\uDE00\uD83D\uDE00");
  }

  @Test
  void nullIsNoName() {
    assertThat(NameText.clean(null, 15)).isNull();
  }

  @Property
  void neverLeavesControlOrFormatCharacters(
      @ForAll String raw, @ForAll @IntRange(min = 1, max = 255) int max) {
    String clean = NameText.clean(raw, max);
    if (clean != null) {
      assertThat(clean.codePoints())
          .noneMatch(
              cp ->
                  Character.getType(cp) == Character.CONTROL
                      || Character.getType(cp) == Character.FORMAT
                      || Character.getType(cp) == Character.SURROGATE);
      assertThat(clean).isEqualTo(clean.strip()).isNotEmpty().doesNotContain("  ");
      assertThat(Normalizer.isNormalized(clean, Normalizer.Form.NFC)).isTrue();
    }
  }

  @Test
  void marksLeftOutOfOrderByARemovedCharacterAreNormalisedAgain() {
    // A grave accent (combining class 230), a character removed, a grave below (220): NFC puts
    // the 220 mark first once the character between them is gone.
    String clean = NameText.clean("\u0300\uE000\u0316", 2);
    assertThat(Normalizer.isNormalized(clean, Normalizer.Form.NFC)).isTrue();
    assertThat(clean).isEqualTo("\u0316\u0300");
  }

  @Property
  void staysWithinTheLimitAndIsIdempotent(
      @ForAll String raw, @ForAll @IntRange(min = 1, max = 40) int max) {
    String clean = NameText.clean(raw, max);
    if (clean != null) {
      assertThat(graphemes(clean)).isLessThanOrEqualTo(max);
      assertThat(NameText.clean(clean, max)).isEqualTo(clean);
    }
  }

  private static int graphemes(String s) {
    BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
    it.setText(s);
    int n = 0;
    while (it.next() != BreakIterator.DONE) {
      n++;
    }
    return n;
  }
}
