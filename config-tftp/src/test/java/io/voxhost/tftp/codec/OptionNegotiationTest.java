package io.voxhost.tftp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class OptionNegotiationTest {

  private final OptionNegotiation negotiation = new OptionNegotiation(65464, 64, 65536);

  private static Option o(String name, String value) {
    return new Option(name, value);
  }

  @Test
  void answersTsizeWithTheRealSizeAndKeepsTheRequestedOrder() {
    OptionNegotiation.Negotiated n =
        negotiation.negotiate(
            List.of(o("tsize", "0"), o("blksize", "1428"), o("windowsize", "16")), 4077);

    assertThat(n.acknowledged())
        .containsExactly(o("tsize", "4077"), o("blksize", "1428"), o("windowsize", "16"));
    assertThat(n.blockSize()).isEqualTo(1428);
    assertThat(n.windowSize()).isEqualTo(16);
  }

  @Test
  void boundsTheWindowByBytesInFlight() {
    OptionNegotiation.Negotiated n =
        negotiation.negotiate(List.of(o("blksize", "8192"), o("windowsize", "16")), 1 << 25);

    assertThat(n.windowSize()).isEqualTo(8);
    assertThat(n.acknowledged()).contains(o("windowsize", "8"));
  }

  @Test
  void leavesOutOfRangeMalformedAndUnknownOptionsOut() {
    OptionNegotiation.Negotiated n =
        negotiation.negotiate(
            List.of(
                o("blksize", "7"),
                o("timeout", "0"),
                o("timeout", "256"),
                o("windowsize", "65536"),
                o("tsize", "-1"),
                o("multicast", ""),
                o("blksize", "+512"),
                o("utimeout", "1000")),
            10);

    assertThat(n.acknowledged()).isEmpty();
    assertThat(n.blockSize()).isEqualTo(512);
    assertThat(n.windowSize()).isEqualTo(1);
    assertThat(n.timeoutSeconds()).isZero();
  }

  @Test
  void grantsASmallerBlockThanAskedWhenConfiguredSo() {
    OptionNegotiation small = new OptionNegotiation(1468, 16, 65536);

    assertThat(small.negotiate(List.of(o("blksize", "65464")), 1).acknowledged())
        .containsExactly(o("blksize", "1468"));
  }

  @Property(tries = 2000)
  void neverGrantsMoreThanAskedOrOutsideTheRfcRanges(
      @ForAll String blksize, @ForAll String windowsize, @ForAll String timeout) {
    OptionNegotiation.Negotiated n =
        negotiation.negotiate(
            List.of(o("blksize", blksize), o("windowsize", windowsize), o("timeout", timeout)),
            100);

    assertThat(n.blockSize()).isBetween(8, 65464);
    assertThat(n.windowSize()).isBetween(1, 65535);
    assertThat((long) n.blockSize() * n.windowSize()).isLessThanOrEqualTo(65536L);
    assertThat(n.timeoutSeconds()).isBetween(0, 255);
  }
}
