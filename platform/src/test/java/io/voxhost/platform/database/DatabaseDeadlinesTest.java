package io.voxhost.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every connection of the pool carries the deadline of {@code voxhost.db.timeout} (2 s). */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DatabaseDeadlinesTest {

  @Inject Jdbc jdbc;

  @Test
  void theServerCancelsAStatementThatOutlivesTheDeadlineAndTheFailureReadsAsAnOutage() {
    assertThat(jdbc.one("show statement_timeout", rs -> rs.getString(1)).orElseThrow())
        .isEqualTo("2s");
    long start = System.nanoTime();
    assertThatThrownBy(() -> jdbc.one("select pg_sleep(5)", rs -> rs.getString(1)))
        .isInstanceOf(DatabaseFailure.class)
        .satisfies(e -> assertThat(DatabaseFailure.isOutage(e)).isTrue());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void theDurationBecomesEachSettingInItsOwnUnit() {
    assertThat(DatabaseDeadlines.properties(Duration.ofMillis(1_500)))
        .containsEntry("quarkus.datasource.jdbc.acquisition-timeout", "1500ms")
        .containsEntry("quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "2")
        .containsEntry("quarkus.datasource.jdbc.additional-jdbc-properties.loginTimeout", "2")
        .containsEntry(
            "quarkus.datasource.jdbc.additional-jdbc-properties.options",
            "-c statement_timeout=1500");
    assertThat(DatabaseDeadlines.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DatabaseDeadlines.parse("3")).isEqualTo(Duration.ofSeconds(3));
  }
}
