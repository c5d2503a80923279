package io.voxhost.cnam.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The number taken out of what a client sends. */
class NumberTextTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "+14155550123|+14155550123",
        "  +1 (415) 555-0123 |+1 (415) 555-0123",
        "tel:+1-415-555-0123;phone-context=example.com|+1-415-555-0123",
        "TEL:+14155550123|+14155550123",
        "sip:+14155550123@pbx.example.com;user=phone|+14155550123",
        "sips:1001@example.com|1001",
        "sip:reception@example.com?subject=x|reception",
        "1001|1001",
      })
  void takesTheUserPart(String input, String expected) {
    assertThat(NumberText.userPart(input)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "sip:@example.com",
        "tel:;x=y",
        "+1415\u00005550123",
        "\"Bob\" <sip:1@x>",
        "12345678901234567890123456789012345678901234567890123456789012345",
      })
  void refusesWhatHoldsNoNumber(String input) {
    assertThat(NumberText.userPart(input)).isEmpty();
  }
}
