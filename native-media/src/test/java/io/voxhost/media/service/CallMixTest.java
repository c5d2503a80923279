package io.voxhost.media.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.media.api.G711;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.service.CallMix.Layout;
import io.voxhost.media.service.CallMix.Track;
import io.voxhost.platform.testing.ExternalTool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mixing the anchor's reference legs (1.5 s where both talk at once, loud enough to clip) gives
 * sox's own results sample for sample, and sox and ffprobe read our files as what they are.
 */
class CallMixTest {

  @TempDir Path dir;

  private static MediaLibrary library(String which) {
    return which.equals("native") ? Implementations.nativeOrSkip() : Implementations.java();
  }

  private Path ref(String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = CallMixTest.class.getResourceAsStream("/ref/" + name)) {
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  /** The samples of a PCM16 WAV: what follows its "data" chunk header. */
  private static byte[] samples(byte[] wav) {
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    int at = 12;
    while (at + 8 <= wav.length) {
      String id = new String(wav, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
      int size = b.getInt(at + 4);
      if (id.equals("data")) {
        return java.util.Arrays.copyOfRange(wav, at + 8, at + 8 + size);
      }
      at += 8 + size + (size & 1);
    }
    throw new AssertionError("no data chunk");
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void monoAndStereoMixesEqualSoxs(String which) throws IOException {
    CallMix mix = new CallMix(library(which));
    List<Track> ulaw = List.of(Track.of(ref("caller.ulaw")), Track.of(ref("callee.ulaw")));
    List<Track> alaw = List.of(Track.of(ref("caller.alaw")), Track.of(ref("callee.alaw")));

    Path mono = dir.resolve("mono.wav");
    assertThat(mix.mix(G711.ULAW, ulaw, Layout.MONO_PCM16, mono, false)).isEqualTo(12_000);
    assertThat(samples(Files.readAllBytes(mono)))
        .isEqualTo(samples(Files.readAllBytes(ref("expected_mix_sum.wav"))));

    Path monoA = dir.resolve("mono-alaw.wav");
    mix.mix(G711.ALAW, alaw, Layout.MONO_PCM16, monoA, false);
    assertThat(samples(Files.readAllBytes(monoA)))
        .isEqualTo(samples(Files.readAllBytes(ref("expected_mix_sum_alaw.wav"))));

    Path stereo = dir.resolve("stereo.wav");
    mix.mix(G711.ULAW, ulaw, Layout.CHANNELS_PCM16, stereo, false);
    assertThat(samples(Files.readAllBytes(stereo)))
        .isEqualTo(samples(Files.readAllBytes(ref("expected_stereo.wav"))));

    // The lossless form: the legs' own bytes, interleaved.
    Path g711 = dir.resolve("stereo-g711.wav");
    mix.mix(G711.ULAW, ulaw, Layout.CHANNELS_G711, g711, false);
    byte[] interleaved = samples(Files.readAllBytes(g711));
    byte[] caller = Files.readAllBytes(ref("caller.ulaw"));
    byte[] callee = Files.readAllBytes(ref("callee.ulaw"));
    assertThat(interleaved).hasSize(24_000);
    for (int i = 0; i < 12_000; i++) {
      assertThat(interleaved[2 * i]).isEqualTo(caller[i]);
      assertThat(interleaved[2 * i + 1]).isEqualTo(callee[i]);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void theMonoMixOfAStoredG711MasterEqualsSoxsMix(String which) throws IOException {
    CallMix mix = new CallMix(library(which));
    List<Track> ulaw = List.of(Track.of(ref("caller.ulaw")), Track.of(ref("callee.ulaw")));
    Path master = dir.resolve("master.wav");
    mix.mix(G711.ULAW, ulaw, Layout.CHANNELS_G711, master, false);
    Path mono = dir.resolve("from-master.wav");
    assertThat(mix.monoFromChannels(master, null, mono, false)).isEqualTo(12_000);
    assertThat(samples(Files.readAllBytes(mono)))
        .isEqualTo(samples(Files.readAllBytes(ref("expected_mix_sum.wav"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void legsStartingLaterAreAlignedAndPaddedWithSilence(String which) throws IOException {
    Path a = dir.resolve("a.ulaw");
    Path b = dir.resolve("b.ulaw");
    byte[] one = new byte[50_000];
    java.util.Arrays.fill(one, (byte) 0x10);
    Files.write(a, one);
    Files.write(b, new byte[] {0x20, 0x21, 0x22});
    Path out = dir.resolve("aligned.wav");
    long frames =
        new CallMix(library(which))
            .mix(
                G711.ULAW,
                List.of(Track.of(a), new Track(b, 40_000, MediaLibrary.UNITY)),
                Layout.CHANNELS_G711,
                out,
                true);
    assertThat(frames).isEqualTo(50_000);
    byte[] data = samples(Files.readAllBytes(out));
    assertThat(data[2 * 39_999 + 1]).isEqualTo((byte) 0xFF);
    assertThat(data[2 * 40_000 + 1]).isEqualTo((byte) 0x20);
    assertThat(data[2 * 40_002 + 1]).isEqualTo((byte) 0x22);
    assertThat(data[2 * 40_003 + 1]).isEqualTo((byte) 0xFF);
    assertThat(data[2 * 49_999]).isEqualTo((byte) 0x10);
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void soxAndFfprobeReadOurFilesWithTheRightLengthRateAndChannels(String which) throws Exception {
    ExternalTool.require("sox");
    ExternalTool.require("ffprobe");
    CallMix mix = new CallMix(library(which));
    // Two legs of 100 s and 99.5 s (a long odd-length G.711 mono file too).
    Path a = dir.resolve("long-a.ulaw");
    Path b = dir.resolve("long-b.ulaw");
    byte[] leg = new byte[800_000];
    new java.util.Random(1).nextBytes(leg);
    Files.write(a, leg);
    Files.write(b, java.util.Arrays.copyOf(leg, 796_001));
    List<Track> tracks = List.of(Track.of(a), Track.of(b));
    for (Layout layout : Layout.values()) {
      Path out = dir.resolve(layout + ".wav");
      mix.mix(G711.ULAW, tracks, layout, out, false);
      int channels = layout == Layout.MONO_PCM16 ? 1 : 2;
      String info = ExternalTool.run(List.of("sox", "--i", out.toString()));
      assertThat(info).as(layout.name()).contains("Channels       : " + channels);
      assertThat(info).contains("Sample Rate    : 8000");
      assertThat(info).contains("800000 samples");
      String probe =
          ExternalTool.run(
              List.of(
                  "ffprobe",
                  "-v",
                  "error",
                  "-show_entries",
                  "stream=codec_name,sample_rate,channels,duration",
                  "-of",
                  "default=nw=1",
                  out.toString()));
      assertThat(probe).as(layout.name()).contains("sample_rate=8000");
      assertThat(probe).contains("channels=" + channels);
      assertThat(probe).contains("duration=100.000000");
      assertThat(probe)
          .contains(
              layout == Layout.CHANNELS_G711 ? "codec_name=pcm_mulaw" : "codec_name=pcm_s16le");
    }
    Path odd = dir.resolve("odd.wav");
    mix.mix(G711.ULAW, List.of(Track.of(b)), Layout.CHANNELS_G711, odd, false);
    assertThat(Files.size(odd) % 2).isZero();
    assertThat(ExternalTool.run(List.of("sox", "--i", odd.toString()))).contains("796001 samples");
  }
}
