package io.voxhost.platform.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolePathTest {

  @ParameterizedTest
  @CsvSource({
    "/api/v1/sip, true",
    "/api/v1/sip/, true",
    "/api/v1/sip/subscribers/1001, true",
    "/api/v1/sipx, false",
    "/api/v1/si, false",
    "/api/v1, false",
    "/, false"
  })
  void coversThePrefixAndWhatIsBelowItSegmentBySegment(String path, boolean covered) {
    assertThat(new RolePath("sip", "/api/v1/sip").covers(path)).isEqualTo(covered);
  }

  @ParameterizedTest
  @CsvSource({"api/v1/sip", "/api/v1/sip/"})
  void refusesAPrefixThatIsNotAnAbsolutePathWithoutTrailingSlash(String prefix) {
    assertThatThrownBy(() -> new RolePath("sip", prefix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("role sip");
  }
}
