package io.voxhost.platform.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {

  private final SecureRandom random = new SecureRandom();

  @Test
  void generatesVxPrefixedBase64UrlOf32Bytes() {
    ApiKeySecret key = ApiKeySecret.generate(random);
    assertThat(key.reveal()).matches("vx_[A-Za-z0-9_-]{43}");
    assertThat(key.prefix()).hasSize(11).isEqualTo(key.reveal().substring(0, 11));
    assertThat(key.hash()).hasSize(32);
    assertThat(key.toString()).doesNotContain(key.reveal().substring(11));
  }

  @Test
  void parsesWhatItGeneratesAndMatchesOnlyItsOwnHash() {
    ApiKeySecret key = ApiKeySecret.generate(random);
    ApiKeySecret other = ApiKeySecret.generate(random);
    ApiKeySecret parsed = ApiKeySecret.parse(key.reveal()).orElseThrow();
    assertThat(parsed.matches(key.hash())).isTrue();
    assertThat(parsed.matches(other.hash())).isFalse();
  }

  @Property(seed = "20261125")
  void neverAcceptsTextOfTheWrongShape(@ForAll @StringLength(max = 80) String text) {
    boolean wellFormed = text.matches("vx_[A-Za-z0-9_-]{43}");
    assertThat(ApiKeySecret.parse(text).isPresent()).isEqualTo(wellFormed);
  }

  @Test
  void refusesNullAndNearMisses() {
    String good = ApiKeySecret.generate(random).reveal();
    assertThat(ApiKeySecret.parse(null)).isEmpty();
    assertThat(ApiKeySecret.parse(good + "A")).isEmpty();
    assertThat(ApiKeySecret.parse(good.substring(1))).isEmpty();
    assertThat(ApiKeySecret.parse("VX_" + good.substring(3))).isEmpty();
    assertThat(ApiKeySecret.parse(good.substring(0, 20) + "+" + good.substring(21))).isEmpty();
  }
}
