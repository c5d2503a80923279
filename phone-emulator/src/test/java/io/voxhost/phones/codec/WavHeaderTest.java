package io.voxhost.phones.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A recording's header read from its first bytes: format, channels, rate and length. */
class WavHeaderTest {

  @Test
  void soxsStereoReferenceIsTwoChannelsOfSixteenBitsForItsLength() throws Exception {
    byte[] wav =
        Files.readAllBytes(
            Path.of(WavHeaderTest.class.getResource("/expected_stereo.wav").toURI()));
    WavHeader h = WavHeader.parse(java.util.Arrays.copyOf(wav, 1024)).orElseThrow();
    assertThat(h.channels()).isEqualTo(2);
    assertThat(h.sampleRate()).isEqualTo(8000);
    assertThat(h.durationMillis())
        .isEqualTo(h.dataBytes() * 1000 / (2L * h.bitsPerSample() / 8) / 8000);
    assertThat(h.dataOffset() + h.dataBytes()).isEqualTo(wav.length);
  }

  @Test
  void aChunkBeforeTheFormatIsSkippedAndMuLawStereoTimesOut() {
    ByteBuffer b = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(72).put(ascii("WAVE"));
    b.put(ascii("LIST")).putInt(3).put(new byte[] {1, 2, 3, 0}); // odd size: one pad byte
    b.put(ascii("fmt ")).putInt(16).putShort((short) 7).putShort((short) 2).putInt(8000);
    b.putInt(16000).putShort((short) 2).putShort((short) 8);
    b.put(ascii("data")).putInt(48000);
    WavHeader h = WavHeader.parse(b.array()).orElseThrow();
    // The data starts after RIFF (12), LIST (8 + 4 with its pad byte), fmt (8 + 16) and data's 8.
    assertThat(h).isEqualTo(new WavHeader(7, 2, 8000, 8, 48000, 56));
    assertThat(h.durationMillis()).isEqualTo(3000);
  }

  @Test
  void whatIsNoWaveIsEmpty() {
    assertThat(WavHeader.parse(ascii("<html>not audio</html>"))).isEmpty();
    assertThat(WavHeader.parse(new byte[3])).isEmpty();
    ByteBuffer noFormat = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
    noFormat.put(ascii("RIFF")).putInt(12).put(ascii("WAVE")).put(ascii("data")).putInt(0);
    assertThat(WavHeader.parse(noFormat.array())).isEmpty();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
