package io.voxhost.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The change feed on a real PostgreSQL: who hears what, and when the resynchronisation runs. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class ChangeFeedTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Inject ChangeFeed feed;
  @Inject Jdbc jdbc;

  @Test
  void everyFollowerOfAChannelHearsEveryNodesCommittedChangesAndResyncsFirst() throws Exception {
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    AtomicInteger resyncs = new AtomicInteger();
    feed.subscribe(
            "first",
            "voxhost_test_shared",
            ChangeFeed.Senders.EVERY_NODE,
            first::addAll,
            resyncs::incrementAndGet)
        .awaitSynchronised(WAIT);
    feed.subscribe(
            "second",
            "voxhost_test_shared",
            ChangeFeed.Senders.EVERY_NODE,
            second::addAll,
            resyncs::incrementAndGet)
        .awaitSynchronised(WAIT);
    assertThat(resyncs).hasValue(2);

    jdbc.transaction(
        c -> {
          feed.publish(c, "voxhost_test_shared", List.of("a", "b"));
          return null;
        });
    await().atMost(WAIT).until(() -> first.size() == 2 && second.size() == 2);
    assertThat(first).containsExactly("a", "b");
    assertThat(second).containsExactly("a", "b");
  }

  @Test
  void aRolledBackChangeIsNeverHeardAndOwnChangesOnlyWhenAskedFor() throws Exception {
    List<String> others = new CopyOnWriteArrayList<>();
    List<String> everyone = new CopyOnWriteArrayList<>();
    feed.subscribe("voxhost_test_own", others::addAll, () -> {}).awaitSynchronised(WAIT);
    feed.subscribe(
            "everyone",
            "voxhost_test_own",
            ChangeFeed.Senders.EVERY_NODE,
            everyone::addAll,
            () -> {})
        .awaitSynchronised(WAIT);

    try {
      jdbc.transaction(
          c -> {
            feed.publish(c, "voxhost_test_own", List.of("rolled-back"));
            throw new IllegalStateException("roll back");
          });
    } catch (IllegalStateException expected) {
      // the change never happened
    }
    feed.publish("voxhost_test_own", List.of("committed"));

    await().atMost(WAIT).until(() -> everyone.contains("committed"));
    assertThat(everyone).containsExactly("committed");
    assertThat(others).isEmpty(); // this node's own change, and the follower hears other nodes'
  }
}
