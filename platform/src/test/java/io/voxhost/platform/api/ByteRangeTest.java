package io.voxhost.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  void readsTheThreeFormsOfOneRange() {
    assertThat(ByteRange.of("bytes=0-99", 1000))
        .isEqualTo(new ByteRange.Partial(new ByteRange(0, 99)));
    assertThat(ByteRange.of("bytes=900-", 1000))
        .isEqualTo(new ByteRange.Partial(new ByteRange(900, 999)));
    assertThat(ByteRange.of("bytes=-100", 1000))
        .isEqualTo(new ByteRange.Partial(new ByteRange(900, 999)));
    assertThat(ByteRange.of("bytes=-5000", 1000))
        .isEqualTo(new ByteRange.Partial(new ByteRange(0, 999)));
    assertThat(ByteRange.of("bytes=990-2000", 1000))
        .isEqualTo(new ByteRange.Partial(new ByteRange(990, 999)));
  }

  @Test
  void ignoresWhatItCannotServeAsOneRangeAndRefusesRangesPastTheEnd() {
    assertThat(ByteRange.of(null, 10)).isEqualTo(new ByteRange.Whole());
    assertThat(ByteRange.of("bytes=0-1,5-6", 10)).isEqualTo(new ByteRange.Whole());
    assertThat(ByteRange.of("items=0-1", 10)).isEqualTo(new ByteRange.Whole());
    assertThat(ByteRange.of("bytes=5-2", 10)).isEqualTo(new ByteRange.Whole());
    assertThat(ByteRange.of("bytes=a-b", 10)).isEqualTo(new ByteRange.Whole());
    assertThat(ByteRange.of("bytes=99999999999999999999-", 10)).isEqualTo(new ByteRange.Whole());
    assertThat(ByteRange.of("bytes=10-", 10)).isEqualTo(new ByteRange.Unsatisfiable());
    assertThat(ByteRange.of("bytes=-0", 10)).isEqualTo(new ByteRange.Unsatisfiable());
  }
}
