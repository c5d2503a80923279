package io.voxhost.cti.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CEL's time, seconds and up to six digits of fraction, read as microseconds. */
class AsteriskCelTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1700000000.123456, 1700000000123456",
    "1700000000.5, 1700000000500000",
    "1700000000, 1700000000000000",
    "1700000000.1234567, 1700000000.1234567",
    "2026-12-06 10:00:00, 2026-12-06 10:00:00",
    "1700000000.12a, 1700000000.12a",
  })
  void readsCelTimes(String time, String read) {
    assertThat(AsteriskCel.microsOf(time)).isEqualTo(read);
  }
}
