package io.voxhost.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

  @TempDir Path dir;

  /** As Quarkus builds it: a file at 260, system properties above it, defaults below. */
  private SmallRyeConfig running(Path file) throws Exception {
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withSources(
            new PropertiesConfigSource(file.toUri().toURL(), 260),
            new PropertiesConfigSource(Map.of("voxhost.pinned", "from-system"), "system", 400),
            new PropertiesConfigSource(
                Map.of("voxhost.tftp.rate-limit.burst", "10000"), "defaults", Integer.MIN_VALUE))
        .build();
  }

  @Test
  void readsAnEditedFileAgainAndNamesWhatChanged() throws Exception {
    Path file = dir.resolve("application.properties");
    Files.writeString(file, "voxhost.a=1\nvoxhost.b=2\nvoxhost.pinned=file\n");
    SmallRyeConfig running = running(file);
    ConfigFiles files = new ConfigFiles(running);

    Files.writeString(
        file,
        "voxhost.a=1\nvoxhost.b=3\nvoxhost.c=new\nvoxhost.pinned=file-edited\n"
            + "voxhost.tftp.rate-limit.burst=5\n");
    SmallRyeConfig reread = files.reread();

    assertThat(files.files()).containsExactly(file);
    assertThat(reread.getValue("voxhost.b", String.class)).isEqualTo("3");
    assertThat(reread.getValue("voxhost.pinned", String.class)).isEqualTo("from-system");
    // A key the system properties hold did not change for the application.
    assertThat(ConfigFiles.changed(running, reread))
        .containsExactlyInAnyOrder("voxhost.b", "voxhost.c", "voxhost.tftp.rate-limit.burst");
    assertThat(running.getValue("voxhost.b", String.class)).isEqualTo("2");
  }

  @Test
  void aRemovedKeyFallsBackToItsDefault() throws Exception {
    Path file = dir.resolve("application.properties");
    Files.writeString(file, "voxhost.tftp.rate-limit.burst=5\n");
    SmallRyeConfig running = running(file);

    Files.writeString(file, "# emptied\n");
    SmallRyeConfig reread = new ConfigFiles(running).reread();

    assertThat(ConfigFiles.changed(running, reread))
        .containsExactly("voxhost.tftp.rate-limit.burst");
    assertThat(reread.getValue("voxhost.tftp.rate-limit.burst", Integer.class)).isEqualTo(10000);
  }

  @Test
  void aDeletedFileNoLongerSetsItsKeys() throws Exception {
    Path file = dir.resolve("application.properties");
    Files.writeString(file, "voxhost.a=1\n");
    SmallRyeConfig running = running(file);

    Files.delete(file);
    SmallRyeConfig reread = new ConfigFiles(running).reread();

    assertThat(reread.getOptionalValue("voxhost.a", String.class)).isEmpty();
    assertThat(ConfigFiles.changed(running, reread)).containsExactly("voxhost.a");
  }

  @Test
  void aMalformedFileIsAnErrorNamingIt() throws Exception {
    Path file = dir.resolve("application.properties");
    Files.writeString(file, "voxhost.a=1\n");
    SmallRyeConfig running = running(file);
    Files.writeString(file, "voxhost.a=\\u00zz\n");

    assertThatThrownBy(() -> new ConfigFiles(running).reread())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString());
  }
}
