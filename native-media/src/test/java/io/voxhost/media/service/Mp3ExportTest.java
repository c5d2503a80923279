package io.voxhost.media.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.media.api.G711;
import io.voxhost.media.codec.WavFormat;
import io.voxhost.media.codec.WavWriter;
import io.voxhost.platform.testing.ExternalTool;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored WAVs, G.711 stereo and PCM mono, exported as MP3 with their channels and length. */
class Mp3ExportTest {

  @TempDir Path dir;

  private String exported(WavFormat format, byte[] data) throws Exception {
    Path wav = dir.resolve("in.wav");
    try (WavWriter w = WavWriter.create(wav, format)) {
      w.write(ByteBuffer.wrap(data));
    }
    Path mp3 = dir.resolve("out.mp3");
    try (OutputStream out = Files.newOutputStream(mp3)) {
      new Mp3Export(Implementations.java()).write(wav, out);
    }
    return ExternalTool.run(
        List.of(
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name,channels,duration",
            "-of",
            "default=nw=1",
            mp3.toString()));
  }

  @Test
  void channelsAndLawComeFromTheFile() throws Exception {
    ExternalTool.require("ffprobe");
    byte[] stereo = new byte[2 * 8000 * 4]; // 4 s of two u-law channels
    new java.util.Random(3).nextBytes(stereo);
    String info = exported(WavFormat.g711(G711.ULAW, 2), stereo);
    assertThat(info).contains("codec_name=mp3", "channels=2");
    assertThat(Double.parseDouble(info.replaceAll("(?s).*duration=([0-9.]+).*", "$1")))
        .isBetween(3.95, 4.4);
    byte[] mono = new byte[2 * 8000 * 3]; // 3 s of PCM16
    String monoInfo = exported(WavFormat.pcm16(1), mono);
    assertThat(monoInfo).contains("channels=1");
    assertThat(Double.parseDouble(monoInfo.replaceAll("(?s).*duration=([0-9.]+).*", "$1")))
        .isBetween(2.95, 3.4);
  }
}
