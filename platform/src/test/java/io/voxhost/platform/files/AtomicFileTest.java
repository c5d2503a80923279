package io.voxhost.platform.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

  @TempDir Path dir;

  @Test
  void storesTheContentWithItsSizeAndSha256AndLeavesNoTemporary() throws Exception {
    Path target = dir.resolve("a/b/file.bin");
    AtomicFile.Stored stored =
        AtomicFile.at(target).withSha256().write("abc".getBytes(StandardCharsets.US_ASCII));

    assertThat(Files.readString(target)).isEqualTo("abc");
    assertThat(stored.size()).isEqualTo(3);
    assertThat(stored.sha256())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(entries(target.getParent())).containsExactly("file.bin");
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporary() throws Exception {
    Path target = dir.resolve("kept.txt");
    Files.writeString(target, "old");
    assertThatThrownBy(
            () ->
                AtomicFile.at(target)
                    .write(
                        temporary -> {
                          Files.writeString(temporary, "half");
                          throw new IOException("disk full");
                        }))
        .hasMessage("disk full");

    assertThat(Files.readString(target)).isEqualTo("old");
    assertThat(entries(dir)).containsExactly("kept.txt");
  }

  @Test
  void aSecretIsOwnerOnlyAndReplacesTheOldOne() throws Exception {
    Path target = dir.resolve("admin.key");
    Files.writeString(target, "old");
    AtomicFile.at(target).ownerOnly().write("new".getBytes(StandardCharsets.US_ASCII));

    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");
  }

  @Test
  void anOwnerOnlyFileCreatesItsDirectoriesOwnerOnly() throws Exception {
    Path temporaries = dir.resolve("private-tmp");
    Path target = dir.resolve("private/2026/12/file");
    AtomicFile.at(target).temporariesIn(temporaries).ownerOnly().write(new byte[] {1});

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");
    for (Path d : List.of(temporaries, dir.resolve("private"), target.getParent())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d)))
          .as("%s", d)
          .isEqualTo("rwx------");
    }
  }

  @Test
  void temporariesMayLiveInADirectoryOfTheirOwn() throws Exception {
    Path temporaries = dir.resolve("tmp");
    Path target = dir.resolve("store/file");
    AtomicFile.at(target).temporariesIn(temporaries).write(new byte[] {1, 2});

    assertThat(Files.readAllBytes(target)).containsExactly(1, 2);
    assertThat(entries(temporaries)).isEmpty();
  }

  private static java.util.List<String> entries(Path directory) throws IOException {
    try (Stream<Path> s = Files.list(directory)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
