package io.voxhost.media.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.media.api.G711;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.platform.testing.ExternalTool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G.711 against the recommendation's 256-entry tables (ref/g711_tables.csv, from the media anchor),
 * and against sox decoding and encoding the same bytes, for both implementations.
 */
class G711Test {

  @TempDir Path dir;

  private static MediaLibrary library(String which) {
    return which.equals("native") ? Implementations.nativeOrSkip() : Implementations.java();
  }

  private static short[] decodeAll(MediaLibrary library, G711 law) {
    ByteBuffer codes = ByteBuffer.allocateDirect(256);
    for (int i = 0; i < 256; i++) {
      codes.put((byte) i);
    }
    ByteBuffer pcm = ByteBuffer.allocateDirect(512);
    library.decode(law, codes.flip(), pcm);
    short[] out = new short[256];
    pcm.flip().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void decodingMatchesTheRecommendationsTables(String which) throws IOException {
    short[] ulaw = decodeAll(library(which), G711.ULAW);
    short[] alaw = decodeAll(library(which), G711.ALAW);
    try (InputStream in = G711Test.class.getResourceAsStream("/ref/g711_tables.csv")) {
      List<String> lines =
          new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
      assertThat(lines).hasSize(257);
      for (String line : lines.subList(1, 257)) {
        String[] f = line.split(",");
        int code = Integer.parseInt(f[0].substring(2), 16);
        assertThat(ulaw[code]).as("u-law 0x%02X", code).isEqualTo(Short.parseShort(f[1]));
        assertThat(alaw[code]).as("A-law 0x%02X", code).isEqualTo(Short.parseShort(f[4]));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "java"})
  void decodingAndEncodingMatchSox(String which) throws Exception {
    ExternalTool.require("sox");
    MediaLibrary library = library(which);
    for (G711 law : G711.values()) {
      String type = law == G711.ULAW ? "ul" : "al";
      // Decoding: every code.
      Path codes = dir.resolve("codes." + type);
      byte[] all = new byte[256];
      for (int i = 0; i < 256; i++) {
        all[i] = (byte) i;
      }
      Files.write(codes, all);
      Path soxPcm = dir.resolve("sox-" + type + ".raw");
      ExternalTool.run(
          List.of(
              "sox",
              "-D",
              "-t",
              type,
              "-r",
              "8000",
              "-c",
              "1",
              codes.toString(),
              "-t",
              "raw",
              "-e",
              "signed-integer",
              "-b",
              "16",
              "-L",
              soxPcm.toString()));
      ByteBuffer ours = ByteBuffer.allocateDirect(512);
      library.decode(law, ByteBuffer.allocateDirect(256).put(all).flip(), ours);
      assertThat(bytes(ours.flip())).as("%s decoded", law).isEqualTo(Files.readAllBytes(soxPcm));

      // Encoding: every 16-bit sample.
      ByteBuffer samples = ByteBuffer.allocateDirect(2 * 65536).order(ByteOrder.LITTLE_ENDIAN);
      for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
        samples.putShort((short) s);
      }
      Path pcm = dir.resolve("all.raw");
      Files.write(pcm, bytes(samples.duplicate().flip()));
      Path soxCodes = dir.resolve("sox-all." + type);
      ExternalTool.run(
          List.of(
              "sox",
              "-D",
              "-t",
              "raw",
              "-e",
              "signed-integer",
              "-b",
              "16",
              "-L",
              "-r",
              "8000",
              "-c",
              "1",
              pcm.toString(),
              "-t",
              type,
              soxCodes.toString()));
      ByteBuffer encoded = ByteBuffer.allocateDirect(65536);
      library.encode(law, samples.flip(), encoded);
      assertThat(bytes(encoded.flip()))
          .as("%s encoded", law)
          .isEqualTo(Files.readAllBytes(soxCodes));
    }
  }

  @Test
  void everyCodeButNegativeZeroSurvivesDecodingAndEncoding() {
    MediaLibrary library = Implementations.java();
    for (G711 law : G711.values()) {
      ByteBuffer codes = ByteBuffer.allocate(256);
      for (int i = 0; i < 256; i++) {
        codes.put((byte) i);
      }
      ByteBuffer pcm = ByteBuffer.allocate(512);
      library.decode(law, codes.flip(), pcm);
      ByteBuffer again = ByteBuffer.allocate(256);
      library.encode(law, pcm.flip(), again);
      for (int i = 0; i < 256; i++) {
        int expected = law == G711.ULAW && i == 0x7f ? 0xff : i;
        assertThat(again.get(i) & 0xff).as("%s 0x%02X", law, i).isEqualTo(expected);
      }
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
