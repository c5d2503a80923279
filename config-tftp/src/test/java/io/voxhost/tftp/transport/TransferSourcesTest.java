package io.voxhost.tftp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.voxhost.tftp.codec.TftpError;
import io.voxhost.tftp.service.FileName;
import io.voxhost.tftp.service.ServedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a transfer sends for each kind of file, and the refusals of what it may not send. */
class TransferSourcesTest {

  private static final FileName NAME = new FileName("a.cfg");
  private static final int MAX_NETASCII = 16;

  private final TransferSources sources = new TransferSources(MAX_NETASCII);

  @TempDir Path root;

  private ServedFile.StaticFile onDisk(String content) throws IOException {
    Path path = Files.writeString(root.resolve("a.cfg"), content);
    return new ServedFile.StaticFile(NAME, path, Files.size(path), 0);
  }

  /** What the opened source sends, whole. */
  private String sent(SourceOpening opening) throws IOException {
    assertThat(opening).isInstanceOf(SourceOpening.Opened.class);
    try (TransferSource source = ((SourceOpening.Opened) opening).source()) {
      ByteBuf out = Unpooled.buffer();
      try {
        source.read(0, (int) source.size(), out);
        return out.toString(StandardCharsets.ISO_8859_1);
      } finally {
        out.release();
      }
    }
  }

  @Test
  void sendsAStaticFileAsItIsInOctetModeAndWithCrLfInNetascii() throws IOException {
    ServedFile.StaticFile file = onDisk("one\ntwo\n");

    assertThat(sent(sources.open(file, false))).isEqualTo("one\ntwo\n");
    assertThat(sent(sources.open(file, true))).isEqualTo("one\r\ntwo\r\n");
  }

  @Test
  void readsASmallFileWholeAndALargeOneBlockByBlock() throws IOException {
    ServedFile.StaticFile small = onDisk("x".repeat(TransferSources.WHOLE_FILE_MAX));
    Path big = Files.write(root.resolve("big.bin"), new byte[TransferSources.WHOLE_FILE_MAX + 1]);
    ServedFile.StaticFile large =
        new ServedFile.StaticFile(new FileName("big.bin"), big, Files.size(big), 0);

    assertThat(((SourceOpening.Opened) sources.open(small, false)).source())
        .isInstanceOf(BytesSource.class);
    try (TransferSource source = ((SourceOpening.Opened) sources.open(large, false)).source()) {
      assertThat(source).isInstanceOf(FileSource.class);
      assertThat(source.size()).isEqualTo(TransferSources.WHOLE_FILE_MAX + 1);
    }
  }

  @Test
  void aSmallFileThatGrewPastTheLimitSinceItsLookupIsReadBlockByBlock() throws IOException {
    ServedFile.StaticFile file = onDisk("small");
    Files.write(file.path(), new byte[TransferSources.WHOLE_FILE_MAX * 2]);

    try (TransferSource source = ((SourceOpening.Opened) sources.open(file, false)).source()) {
      assertThat(source).isInstanceOf(FileSource.class);
      assertThat(source.size()).isEqualTo(TransferSources.WHOLE_FILE_MAX * 2);
    }
  }

  @Test
  void sendsAGeneratedFileFromMemory() throws IOException {
    ServedFile file =
        new ServedFile.GeneratedFile(
            NAME, "key = value\n".getBytes(StandardCharsets.US_ASCII), null, null, null);

    assertThat(sent(sources.open(file, false))).isEqualTo("key = value\n");
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "missing",
            new ServedFile.Missing(NAME),
            RequestOutcome.NOT_FOUND,
            new Refusal(TftpError.FILE_NOT_FOUND, "File not found")),
        Arguments.of(
            "forbidden",
            new ServedFile.Forbidden(NAME, "Not yours"),
            RequestOutcome.REFUSED,
            new Refusal(TftpError.ACCESS_VIOLATION, "Not yours")),
        Arguments.of(
            "a static file that vanished",
            new ServedFile.StaticFile(NAME, Path.of("/nonexistent/a.cfg"), 10, 0),
            RequestOutcome.REFUSED,
            new Refusal(TftpError.ACCESS_VIOLATION, "File cannot be read")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWhatItMayNotSend(
      String what, ServedFile file, RequestOutcome outcome, Refusal refusal) {
    assertThat(sources.open(file, false)).isEqualTo(new SourceOpening.Refused(outcome, refusal));
  }

  @Test
  void asksForOctetWhenAFileIsTooLargeForNetascii() throws IOException {
    ServedFile.StaticFile file = onDisk("x".repeat(MAX_NETASCII + 1));

    assertThat(sources.open(file, true))
        .isEqualTo(
            new SourceOpening.Refused(
                RequestOutcome.REFUSED,
                new Refusal(
                    TftpError.NOT_DEFINED, "File too large for netascii mode: ask for octet")));
    assertThat(sent(sources.open(file, false))).hasSize(MAX_NETASCII + 1);
  }
}
