package io.voxhost.cnam.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** E.164 normalisation with libphonenumber, by region. */
class PhoneNumbersTest {

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "+14155550123|-|+14155550123",
        "+1 (415) 555-0123|-|+14155550123",
        "(415) 555-0123|US|+14155550123",
        "4155550123|US|+14155550123",
        "14155550123|US|+14155550123",
        "011 44 20 7946 0018|US|+442079460018",
        "020 7946 0018|GB|+442079460018",
        "0044 20 7946 0018|-|+442079460018",
        "+44 20 7946 0018|US|+442079460018",
        "030 123456|DE|+4930123456",
        // a possible number in a range the metadata may not know as assigned: still looked up
        "+1 415 999 0123|-|+14159990123",
      })
  void normalises(String dialled, String region, String expected) {
    assertThat(PhoneNumbers.e164(dialled, region)).contains(expected);
  }

  @ParameterizedTest(name = "{0} in {1} is no number")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "4155550123|-", // no + and no region
        "1001|US", // too short
        "+1415555012345678|-", // too long
        "anonymous|US",
        "+14155550123 ext. 7|-", // an extension is not a caller
        "+|-",
      })
  void refuses(String dialled, String region) {
    assertThat(PhoneNumbers.e164(dialled, region)).isEmpty();
  }
}
