package io.voxhost.media.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.platform.testing.ExternalTool;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our MP3s as ffprobe and ffmpeg read them: length, rate, channels, and the tone that went in. */
class Mp3WriterTest {

  @TempDir Path dir;

  /** {@code seconds} of 440 Hz on the first channel and silence on the second, if any. */
  static byte[] tone(int channels, int seconds) {
    ByteBuffer pcm = ByteBuffer.allocate(8000 * seconds * channels * 2);
    pcm.order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 8000 * seconds; i++) {
      pcm.putShort((short) (12000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
      if (channels == 2) {
        pcm.putShort((short) 0);
      }
    }
    return pcm.array();
  }

  @Test
  void monoAndStereoComeBackWithTheirLengthChannelsAndTone() throws Exception {
    ExternalTool.require("ffprobe");
    ExternalTool.require("ffmpeg");
    for (int channels = 1; channels <= 2; channels++) {
      byte[] pcm = tone(channels, 10);
      Path mp3 = dir.resolve(channels + ".mp3");
      try (OutputStream out = Files.newOutputStream(mp3);
          Mp3Writer writer = new Mp3Writer(out, channels)) {
        // Odd pieces, so frames straddle writes.
        for (int at = 0; at < pcm.length; at += 999) {
          writer.write(pcm, at, Math.min(999, pcm.length - at));
        }
        writer.finish();
      }
      // Constant bit rate: 24 kbit/s per channel, 3,000 bytes a second each.
      assertThat(Files.size(mp3)).isBetween(29_000L * channels, 31_500L * channels);
      String probe =
          ExternalTool.run(
              List.of(
                  "ffprobe",
                  "-v",
                  "error",
                  "-show_entries",
                  "stream=codec_name,sample_rate,channels",
                  "-of",
                  "default=nw=1",
                  mp3.toString()));
      assertThat(probe).contains("codec_name=mp3", "sample_rate=8000", "channels=" + channels);
      Path raw = dir.resolve(channels + ".raw");
      ExternalTool.run(
          List.of(
              "ffmpeg", "-v", "error", "-y", "-i", mp3.toString(), "-f", "s16le", raw.toString()));
      ByteBuffer decoded = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
      int frames = decoded.remaining() / 2 / channels;
      // The encoder's delay and padding add a frame or two, never a second.
      assertThat(frames).isBetween(80_000, 82_000);
      // The tone survives: about 880 zero crossings a second on the first channel, loud; the
      // second channel stays quiet.
      int crossings = 0;
      double first = 0;
      double second = 0;
      short previous = 0;
      for (int f = 8000; f < 72_000; f++) {
        short s = decoded.getShort(f * channels * 2);
        if ((s >= 0) != (previous >= 0)) {
          crossings++;
        }
        previous = s;
        first += (double) s * s;
        if (channels == 2) {
          short r = decoded.getShort(f * 4 + 2);
          second += (double) r * r;
        }
      }
      assertThat(crossings / 8.0).isBetween(870.0, 890.0);
      double rms = Math.sqrt(first / 64_000);
      assertThat(rms).isBetween(12000 / Math.sqrt(2) * 0.8, 12000 / Math.sqrt(2) * 1.2);
      assertThat(Math.sqrt(second / 64_000)).isLessThan(rms / 20);
    }
  }

  @Test
  void onlyOneOrTwoChannels() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Mp3Writer(new ByteArrayOutputStream(), 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
