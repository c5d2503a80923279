package io.voxhost.platform.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.voxhost.platform.config.ReloadedSettings;
import java.util.Map;
import java.util.Set;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;

class LogLevelsTest {

  /** A log context of the test's own, so the JVM's loggers are left alone. */
  private final LogContext context = LogContext.create();

  private final LogLevels levels = new LogLevels(context);

  private static ReloadedSettings settings(Map<String, String> values, String... changed) {
    return new ReloadedSettings(
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(values, "file", 260))
            .build(),
        Set.of(changed));
  }

  @Test
  void changedCategoryLevelsTakeEffectOnTheirLoggers() {
    Logger logger = context.getLogger("io.voxhost.tftp.transport");
    context.getLogger("").setLevel(Level.INFO);
    assertThat(logger.isLoggable(Level.DEBUG)).isFalse();

    Set<String> applied =
        levels.apply(
            settings(
                Map.of(
                    "quarkus.log.category.\"io.voxhost.tftp\".level", "DEBUG",
                    "quarkus.log.level", "WARN"),
                "quarkus.log.category.\"io.voxhost.tftp\".level",
                "quarkus.log.level"));

    assertThat(applied)
        .containsExactlyInAnyOrder(
            "quarkus.log.category.\"io.voxhost.tftp\".level", "quarkus.log.level");
    assertThat(logger.isLoggable(Level.DEBUG)).isTrue();
    assertThat(context.getLogger("io.voxhost.sip").isLoggable(Level.INFO)).isFalse();
  }

  @Test
  void aRemovedCategoryLevelInheritsAgain() {
    context.getLogger("").setLevel(Level.INFO);
    context.getLogger("io.voxhost.sip").setLevel(Level.DEBUG);

    levels.apply(settings(Map.of(), "quarkus.log.category.\"io.voxhost.sip\".level"));

    assertThat(context.getLogger("io.voxhost.sip").getLevel()).isNull();
    assertThat(context.getLogger("io.voxhost.sip").isLoggable(Level.DEBUG)).isFalse();
  }

  @Test
  void anUnknownLevelChangesNothingAndNamesItsKey() {
    context.getLogger("io.voxhost.sip").setLevel(Level.INFO);

    assertThatThrownBy(
            () ->
                levels.apply(
                    settings(
                        Map.of(
                            "quarkus.log.category.\"io.voxhost.sip\".level", "TRACE",
                            "quarkus.log.level", "LOUD"),
                        "quarkus.log.category.\"io.voxhost.sip\".level",
                        "quarkus.log.level")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quarkus.log.level");

    assertThat(context.getLogger("io.voxhost.sip").getLevel()).isEqualTo(Level.INFO);
  }

  @Test
  void unchangedAndOtherKeysAreLeftAlone() {
    context.getLogger("io.voxhost.sip").setLevel(Level.ERROR);

    Set<String> applied =
        levels.apply(
            settings(
                Map.of(
                    "quarkus.log.category.\"io.voxhost.sip\".level", "DEBUG",
                    "voxhost.tftp.listen", "0.0.0.0:69"),
                "voxhost.tftp.listen"));

    assertThat(applied).isEmpty();
    assertThat(context.getLogger("io.voxhost.sip").getLevel()).isEqualTo(Level.ERROR);
  }
}
