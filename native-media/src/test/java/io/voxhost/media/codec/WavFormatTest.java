package io.voxhost.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.media.api.G711;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WavFormatTest {

  private static String id(ByteBuffer b, int at) {
    byte[] four = new byte[4];
    b.get(at, four);
    return new String(four, StandardCharsets.US_ASCII);
  }

  @Test
  void aPcmHeaderReservesRoomForRf64AndCountsTheData() {
    ByteBuffer h = WavFormat.pcm16(2).header(1000).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(h.remaining()).isEqualTo(80);
    assertThat(id(h, 0)).isEqualTo("RIFF");
    assertThat(h.getInt(4)).isEqualTo(80 - 8 + 1000);
    assertThat(id(h, 8)).isEqualTo("WAVE");
    assertThat(id(h, 12)).isEqualTo("JUNK");
    assertThat(id(h, 48)).isEqualTo("fmt ");
    assertThat(h.getShort(56)).isEqualTo((short) 1);
    assertThat(h.getShort(58)).isEqualTo((short) 2);
    assertThat(h.getInt(60)).isEqualTo(8000);
    assertThat(h.getInt(64)).isEqualTo(32000);
    assertThat(id(h, 72)).isEqualTo("data");
    assertThat(h.getInt(76)).isEqualTo(1000);
  }

  @Test
  void aG711HeaderHasItsFormatTagAndFactChunk() {
    ByteBuffer h = WavFormat.g711(G711.ALAW, 2).header(16001).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(h.remaining()).isEqualTo(94);
    assertThat(h.getInt(4)).isEqualTo(94 - 8 + 16002); // the pad byte counts in RIFF's size
    assertThat(h.getInt(52)).isEqualTo(18);
    assertThat(h.getShort(56)).isEqualTo((short) 6);
    assertThat(h.getShort(70)).isEqualTo((short) 8);
    assertThat(id(h, 74)).isEqualTo("fact");
    assertThat(h.getInt(82)).isEqualTo(8000);
    assertThat(id(h, 86)).isEqualTo("data");
    assertThat(h.getInt(90)).isEqualTo(16001);
  }

  @Test
  void beyondFourGibibytesTheHeaderIsRf64() {
    long data = 5L << 30;
    ByteBuffer h = WavFormat.pcm16(2).header(data).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(id(h, 0)).isEqualTo("RF64");
    assertThat(h.getInt(4)).isEqualTo(-1);
    assertThat(id(h, 12)).isEqualTo("ds64");
    assertThat(h.getInt(16)).isEqualTo(28);
    assertThat(h.getLong(20)).isEqualTo(80 - 8 + data);
    assertThat(h.getLong(28)).isEqualTo(data);
    assertThat(h.getLong(36)).isEqualTo(data / 4);
    assertThat(h.getInt(76)).isEqualTo(-1);
  }
}
