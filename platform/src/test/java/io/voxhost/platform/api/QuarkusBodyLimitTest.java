package io.voxhost.platform.api;

import static io.voxhost.platform.testing.ApiClient.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voxhost.platform.testing.BodySender;
import io.voxhost.platform.testing.BodySender.Answer;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Quarkus (3.33.2) does by itself with {@code quarkus.http.limits.max-body-size} on a resource
 * that takes an {@code InputStream}, as SIP's and TFTP's imports do: here Quarkus's limit (1M) is
 * below the import limit the platform applies (64M), so the platform lets the body through and
 * Quarkus alone decides. It refuses both a declared length (its upload-limit route, before the
 * resource) and a chunked body (Quarkus REST's {@code VertxInputStream} counts the bytes it reads),
 * with a bare 413: no problem body, and the connection closed.
 */
@QuarkusTest
@TestProfile(QuarkusBodyLimitTest.SmallQuarkusLimit.class)
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class QuarkusBodyLimitTest {

  public static class SmallQuarkusLimit implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.http.limits.max-body-size", "1M");
    }
  }

  private static final long TWO_MB = 2L * 1024 * 1024;

  @Test
  void quarkusRefusesADeclaredLengthOverItsLimitOnAnInputStreamResource() {
    Answer answer = BodySender.post("/api/v1/imports/csv", adminKey(), TWO_MB, true, 0);
    assertThat(answer.status()).as(answer.head()).isEqualTo(413);
    assertThat(answer.body()).isEmpty();
  }

  @Test
  void quarkusRefusesAChunkedBodyOverItsLimitOnAnInputStreamResource() {
    Answer answer = BodySender.post("/api/v1/imports/csv", adminKey(), TWO_MB, false, TWO_MB);
    assertThat(answer.status()).as(answer.head()).isEqualTo(413);
    assertThat(answer.body()).doesNotContain("problem");
  }

  @Test
  void underItsLimitTheBodyStreamsThrough() {
    long size = 900 * 1024;
    Answer answer = BodySender.post("/api/v1/imports/csv", adminKey(), size, false, size);
    assertThat(answer.status()).as(answer.head()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(Long.toString(size));
  }
}
