package io.voxhost.platform.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.voxhost.platform.config.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsInEffectTest {

  private static final String BURST = "voxhost.tftp.rate-limit.burst";
  private static final String PER_SECOND = "voxhost.tftp.rate-limit.per-second";

  @TempDir Path dir;

  @Test
  void aKeyAFailedPartDidNotApplyStaysChangedUntilApplied() throws Exception {
    Path file = dir.resolve("application.properties");
    Files.writeString(file, BURST + "=10\n" + PER_SECOND + "=100\n");
    SmallRyeConfig running = config(file);
    ConfigFiles files = new ConfigFiles(running);
    SettingsInEffect inEffect = new SettingsInEffect(running);

    Files.writeString(file, BURST + "=1\n" + PER_SECOND + "=1\n");
    SmallRyeConfig first = files.reread();
    Set<String> changed = inEffect.changed(first);
    assertThat(changed).containsExactlyInAnyOrder(BURST, PER_SECOND);
    // The part that applies the rate limit failed: nothing applied.
    inEffect.reloaded(first, changed, Set.of());

    // The next reload reads the same files: the keys are still not in effect.
    SmallRyeConfig second = files.reread();
    assertThat(inEffect.changed(second)).containsExactlyInAnyOrder(BURST, PER_SECOND);
    inEffect.reloaded(second, inEffect.changed(second), Set.of(BURST, PER_SECOND));

    assertThat(inEffect.changed(files.reread())).isEmpty();
  }

  @Test
  void aReloadThatCouldNotReadTheFilesKeepsWhatIsPending() throws Exception {
    Path file = dir.resolve("application.properties");
    Files.writeString(file, BURST + "=10\n");
    SmallRyeConfig running = config(file);
    SettingsInEffect inEffect = new SettingsInEffect(running);

    Files.writeString(file, BURST + "=1\n");
    SmallRyeConfig first = new ConfigFiles(running).reread();
    inEffect.reloaded(first, inEffect.changed(first), Set.of());
    // Broken files: the node offers nothing and applies nothing.
    inEffect.reloaded(inEffect.previous(), Set.of(), Set.of());

    assertThat(inEffect.changed(first)).containsExactly(BURST);
  }

  private static SmallRyeConfig config(Path file) throws Exception {
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withSources(new PropertiesConfigSource(file.toUri().toURL(), 260))
        .build();
  }
}
