package io.voxhost.cti.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CEL's time, seconds and up to six digits of fraction (or the cel table's), as microseconds. */
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

  /** The cel table's times: a date and time, with an offset or in the PBX's zone. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2024-12-06 11:46:40.0001, 1733482000000100",
    "2024-12-06 11:46:40.0001+01, 1733482000000100",
    "2024-12-06 16:16:40+05:30, 1733482000000000",
    "2024-12-06T10:46:40Z, 1733482000000000",
    "1733482000.000100, 1733482000000100",
    "2024-13-40 99:00:00, 2024-13-40 99:00:00",
  })
  void readsTheCelTablesTimes(String time, String read) {
    assertThat(AsteriskCel.microsOf(time, ZoneId.of("Europe/Paris"))).isEqualTo(read);
  }
}
