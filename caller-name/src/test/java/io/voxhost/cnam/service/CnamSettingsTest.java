package io.voxhost.cnam.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the role's start and check-config refuse, each with one line naming its key. */
class CnamSettingsTest {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "voxhost.cnam.name-length|0|voxhost.cnam.name-length must be 1 to 255",
        "voxhost.cnam.name-length|256|voxhost.cnam.name-length must be 1 to 255",
        "voxhost.cnam.default-region|XX|voxhost.cnam.default-region",
        "voxhost.cnam.min-provider-time|2s|voxhost.cnam.min-provider-time",
        "voxhost.cnam.sip-user|cn am|voxhost.cnam.sip-user",
        "voxhost.cnam.tenant-dips|0|voxhost.cnam.tenant-dips",
        "voxhost.cnam.directory.max-entries|0|voxhost.cnam.directory.max-entries",
        "voxhost.cnam.default-providers|nobody|voxhost.cnam.default-providers names nobody",
        "voxhost.cnam.providers.none.preset|opencnam|voxhost.cnam.providers.none",
        "voxhost.cnam.providers.Big.preset|opencnam|voxhost.cnam.providers.Big",
        "voxhost.cnam.providers.x.preset|nosuch|voxhost.cnam.providers.x.preset",
        "voxhost.cnam.providers.x.url|https://example.com/|voxhost.cnam.providers.x.url",
        "voxhost.cnam.providers.x.url|ftp://example.com/{number}|voxhost.cnam.providers.x.url",
      })
  void refusesNamingTheKey(String key, String value, String message) {
    Map<String, String> settings = new java.util.HashMap<>(Map.of(key, value));
    if (key.startsWith("voxhost.cnam.providers.x.url")) {
      settings.put("voxhost.cnam.providers.x.name-pointer", "/name");
    }
    assertThatThrownBy(() -> new CnamSettings().check(config(settings)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void acceptsTheDefaultsAndAPresetProvider() {
    assertThatCode(() -> new CnamSettings().check(config(Map.of()))).doesNotThrowAnyException();
    assertThatCode(
            () ->
                new CnamSettings()
                    .check(
                        config(
                            Map.of(
                                "voxhost.cnam.providers.twilio.preset", "twilio",
                                "voxhost.cnam.default-providers", "twilio",
                                "voxhost.cnam.name-length", "15",
                                "voxhost.cnam.default-region", "US"))))
        .doesNotThrowAnyException();
  }

  private static SmallRyeConfig config(Map<String, String> values) {
    return new SmallRyeConfigBuilder()
        .withMapping(io.voxhost.cnam.CnamConfig.class)
        .withConverter(Duration.class, 200, new DurationConverter())
        .withSources(new PropertiesConfigSource(values, "test", 300))
        .build();
  }
}
