package io.voxhost.tftp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the served root holds, and what its links may not lead to. */
class StaticFilesTest {

  @TempDir Path dir;

  private Path root;
  private Path outside;
  private StaticFiles files;

  private StaticFiles files() throws IOException {
    root = Files.createDirectories(dir.resolve("root"));
    outside = Files.createDirectories(dir.resolve("outside"));
    files = new StaticFiles(root);
    return files;
  }

  private ServedFile find(String name) {
    return files.find(new FileName(name));
  }

  @Test
  void aFileRightInTheRootIsServedWithItsSize() throws IOException {
    files();
    Files.writeString(root.resolve("SEP001122334455.cnf.xml"), "<device/>");

    assertThat(find("SEP001122334455.cnf.xml"))
        .isInstanceOfSatisfying(
            ServedFile.StaticFile.class,
            f -> {
              assertThat(f.path()).isEqualTo(root.resolve("SEP001122334455.cnf.xml"));
              assertThat(f.size()).isEqualTo(9);
            });
  }

  @Test
  void aFileInADirectoryOfTheRootIsServed() throws IOException {
    files();
    Files.createDirectories(root.resolve("firmware"));
    Files.writeString(root.resolve("firmware/boot.bin"), "fw");

    assertThat(find("firmware/boot.bin")).isInstanceOf(ServedFile.StaticFile.class);
  }

  @Test
  void aLinkInTheRootToAFileOutsideIsMissing() throws IOException {
    files();
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("secret.txt"), outside.resolve("secret.txt"));

    assertThat(find("secret.txt")).isInstanceOf(ServedFile.Missing.class);
  }

  @Test
  void aDirectoryLinkLeadingOutsideIsMissing() throws IOException {
    files();
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("out"), outside);

    assertThat(find("out/secret.txt")).isInstanceOf(ServedFile.Missing.class);
  }

  @Test
  void aLinkToAnotherFileOfTheRootIsServedAsThatFile() throws IOException {
    files();
    Files.createDirectories(root.resolve("common"));
    Files.writeString(root.resolve("common/site.cfg"), "site");
    Files.createSymbolicLink(root.resolve("site.cfg"), root.resolve("common/site.cfg"));

    assertThat(find("site.cfg"))
        .isInstanceOfSatisfying(
            ServedFile.StaticFile.class,
            f -> {
              try {
                assertThat(f.path()).isEqualTo(root.resolve("common/site.cfg").toRealPath());
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  @Test
  void aDirectoryOrANameNotThereIsMissing() throws IOException {
    files();
    Files.createDirectories(root.resolve("firmware"));

    assertThat(find("firmware")).isInstanceOf(ServedFile.Missing.class);
    assertThat(find("nothing.cfg")).isInstanceOf(ServedFile.Missing.class);
  }
}
