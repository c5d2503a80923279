package io.voxhost.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.database.Jdbc;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events between roles: in the change's transaction or not at all, taken once, never lost. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class OutboxTest {

  @Inject Outbox outbox;
  @Inject Jdbc jdbc;

  private final UUID tenant = UUID.randomUUID();

  private OutboxEvent event(String subject) {
    return new OutboxEvent(tenant, "test.event", Instant.now(), subject, "{\"n\":1}");
  }

  /** Takes everything waiting; returns the subjects of this test's tenant. */
  private List<String> takeAll() {
    List<String> mine = new ArrayList<>();
    while (outbox.take(
            "outbox-test",
            500,
            (c, taken) ->
                taken.stream()
                    .filter(t -> t.event().tenant().equals(tenant))
                    .forEach(t -> mine.add(t.event().subject())))
        > 0) {
      // until empty
    }
    return mine;
  }

  @BeforeEach
  void aConsumerFollows() {
    takeAll();
    await().atMost(Duration.ofSeconds(5)).until(outbox::followed);
  }

  @Test
  void anEventIsInTheOutboxOnlyIfItsChangeCommits() {
    assertThatThrownBy(
            () ->
                jdbc.transaction(
                    c -> {
                      outbox.publish(c, List.of(event("rolled-back")));
                      throw new SQLException("the change failed");
                    }))
        .isInstanceOf(RuntimeException.class);
    jdbc.transaction(
        c -> {
          outbox.publish(c, List.of(event("committed-1"), event("committed-2")));
          return null;
        });
    assertThat(takeAll()).containsExactly("committed-1", "committed-2");
    assertThat(takeAll()).isEmpty();
  }

  @Test
  void aConsumerThatFailsLeavesTheEventsForTheNextClaim() {
    jdbc.transaction(
        c -> {
          outbox.publish(c, List.of(event("kept")));
          return null;
        });
    assertThatThrownBy(
            () ->
                outbox.take(
                    "outbox-test",
                    500,
                    (c, taken) -> {
                      throw new SQLException("the consumer's own write failed");
                    }))
        .isInstanceOf(RuntimeException.class);
    assertThat(takeAll()).containsExactly("kept");
  }

  @Test
  void anEventWithoutTransactionIsWrittenByTheBuffer() {
    for (int i = 0; i < 100; i++) {
      assertThat(outbox.offer(event("buffered-" + i))).isTrue();
    }
    List<String> seen = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              seen.addAll(takeAll());
              assertThat(seen).hasSize(100);
            });
    assertThat(seen).startsWith("buffered-0", "buffered-1").endsWith("buffered-99");
  }

  @Test
  void badEventsAreRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> new OutboxEvent(tenant, "Not A Topic", Instant.now(), "s", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new OutboxEvent(
                    tenant,
                    "test.event",
                    Instant.now(),
                    "s",
                    "{\"x\":\"" + "y".repeat(9000) + "\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutboxEvent(tenant, "test.event", Instant.now(), "s", "[1]"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
