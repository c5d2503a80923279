package io.voxhost.phones.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The RTP fixed header a phone sends (RFC 3550 section 5.1), byte by byte. */
class RtpPacketTest {

  @Test
  void theFixedHeaderIsVersionTwoWithMarkerTypeSequenceTimestampAndSsrcInNetworkOrder() {
    byte[] b = new RtpPacket(8, true, 0xfffe, 0xfffffff0L, 0x11223344L, new byte[] {7, 9}).bytes();
    int[] expected = {0x80, 0x88, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xf0, 0x11, 0x22, 0x33, 0x44, 7, 9};
    assertThat(b).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(b[i] & 0xff).as("byte %d", i).isEqualTo(expected[i]);
    }
    assertThat(new RtpPacket(0, false, 1, 2, 3, new byte[0]).bytes()[1]).isZero();
  }

  @Test
  void aPayloadTypeOutsideSevenBitsIsRefused() {
    assertThatThrownBy(() -> new RtpPacket(128, false, 0, 0, 0, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
