package io.voxhost.platform.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class RecentReadsTest {

  private static final Duration TTL = Duration.ofSeconds(10);

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final List<Runnable> background = new ArrayList<>();
  private final AtomicInteger rereads = new AtomicInteger();
  private volatile boolean databaseDown;
  private volatile String stored = "v1";

  private final RecentReads<String, String> reads =
      new RecentReads<>(
          "things",
          "voxhost.test-ttl",
          TTL,
          100,
          background::add,
          nanos::get,
          (key, old) -> {
            rereads.incrementAndGet();
            if (databaseDown) {
              throw new IllegalStateException("database down");
            }
            return stored;
          });

  private final AtomicInteger reads1 = new AtomicInteger();
  private final Function<String, String> read =
      key -> {
        reads1.incrementAndGet();
        if (databaseDown) {
          throw new IllegalStateException("database down");
        }
        return stored;
      };

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  private void runBackground() {
    List<Runnable> tasks = new ArrayList<>(background);
    background.clear();
    tasks.forEach(Runnable::run);
  }

  @Test
  void answersFromMemoryWithinTheTtl() {
    assertThat(reads.get("a", read)).contains("v1");
    stored = "v2";
    advance(TTL.dividedBy(3));
    assertThat(reads.get("a", read)).contains("v1");
    assertThat(reads.fresh("a")).contains("v1");
    runBackground();
    assertThat(reads1).hasValue(1);
    assertThat(rereads).as("read again before half the TTL").hasValue(0);
  }

  @Test
  void readsAnEntryInUseAgainInTheBackgroundWithoutMakingTheRequestWait() {
    reads.get("a", read);
    stored = "v2";
    advance(TTL.dividedBy(2).plusMillis(1));
    assertThat(reads.fresh("a")).as("the request that notices").contains("v1");
    runBackground();
    assertThat(rereads).hasValue(1);
    assertThat(reads.fresh("a")).contains("v2");
    advance(TTL.minusMillis(1));
    assertThat(reads.fresh("a")).as("the background read restarted the TTL").contains("v2");
    assertThat(reads1).hasValue(1);
  }

  @Test
  void neverAnswersOlderThanTheTtlWhenTheBackgroundReadFails() {
    reads.get("a", read);
    databaseDown = true;
    advance(TTL.dividedBy(2).plusMillis(1));
    assertThat(reads.fresh("a")).contains("v1");
    runBackground();
    assertThat(rereads).hasValue(1);
    advance(TTL.dividedBy(2));
    assertThat(reads.fresh("a")).isEmpty();
    databaseDown = false;
    stored = "v2";
    assertThat(reads.get("a", read)).as("read by the caller").contains("v2");
  }

  @Test
  void forgetsAtOnce() {
    reads.get("a", read);
    stored = "v2";
    reads.forget("a");
    assertThat(reads.fresh("a")).isEmpty();
    assertThat(reads.get("a", read)).contains("v2");
    reads.forgetAll();
    assertThat(reads.fresh("a")).isEmpty();
  }

  @Test
  void forgetsWhatTheBackgroundReadFoundGone() {
    reads.get("a", read);
    stored = null;
    advance(TTL.dividedBy(2).plusMillis(1));
    reads.fresh("a");
    runBackground();
    assertThat(reads.fresh("a")).isEmpty();
  }

  @Test
  void doesNotRememberAnAbsence() {
    stored = null;
    assertThat(reads.get("a", read)).isEmpty();
    stored = "v1";
    assertThat(reads.get("a", read)).contains("v1");
    assertThat(reads1).hasValue(2);
  }

  @Test
  void aZeroTtlReadsEveryTime() {
    RecentReads<String, String> never =
        new RecentReads<>(
            "things",
            "voxhost.test-ttl",
            Duration.ZERO,
            100,
            Runnable::run,
            nanos::get,
            (k, o) -> o);
    never.get("a", read);
    advance(Duration.ofNanos(1));
    assertThat(never.fresh("a")).isEqualTo(Optional.empty());
    never.get("a", read);
    assertThat(reads1).hasValue(2);
  }

  // A revocation racing a read of the same key. The read is held inside the loader by a latch,
  // having seen the row as it was before the revocation committed; the revocation then commits
  // and is forgotten (on this node by key, from another node by the key's tag); then the read is
  // let go. Nothing it saw may be answered from memory afterwards.

  private static final Duration RACE = Duration.ofSeconds(20);

  /** Values are "tag:state", such as "vx_a:live"; the tag plays the key's prefix. */
  private volatile String row = "vx_a:live";

  private volatile Runnable duringReread = () -> {};

  private final RecentReads<String, String> tagged =
      new RecentReads<>(
          "keys",
          "voxhost.test-ttl",
          TTL,
          100,
          background::add,
          nanos::get,
          (key, old) -> {
            String seen = row;
            duringReread.run();
            return seen;
          },
          value -> value.substring(0, value.indexOf(':')));

  /** A read that has seen the row and waits, inside the loader, until let go. */
  private final class HeldRead {
    final CountDownLatch seen = new CountDownLatch(1);
    final CountDownLatch letGo = new CountDownLatch(1);
    final AtomicInteger loads = new AtomicInteger();

    CompletableFuture<Optional<String>> start(RecentReads<String, String> cache) {
      CompletableFuture<Optional<String>> result = new CompletableFuture<>();
      Thread t =
          new Thread(
              () -> {
                try {
                  result.complete(cache.get("digest-a", key -> load()));
                } catch (RuntimeException e) {
                  result.completeExceptionally(e);
                }
              },
              "held-read");
      t.setDaemon(true);
      t.start();
      return result;
    }

    private String load() {
      String value = row;
      if (loads.incrementAndGet() == 1) {
        seen.countDown();
        try {
          if (!letGo.await(RACE.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("never let go");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return value;
    }
  }

  @Test
  void aReadUnderWayWhenAnotherNodeRevokesIsNeverAnsweredFromMemory() throws Exception {
    HeldRead held = new HeldRead();
    CompletableFuture<Optional<String>> racing = held.start(tagged);
    assertThat(held.seen.await(RACE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    row = "vx_a:revoked"; // committed on another node, which announces the prefix
    tagged.forgetTagged("vx_a");
    held.letGo.countDown();

    assertThat(racing.get(RACE.toSeconds(), TimeUnit.SECONDS))
        .as("the racing read is done again: it began before the revocation")
        .contains("vx_a:revoked");
    assertThat(tagged.fresh("digest-a")).contains("vx_a:revoked");
    assertThat(held.loads).hasValue(2);
  }

  @Test
  void aReadUnderWayWhenThisNodeRevokesIsNeverAnsweredFromMemory() throws Exception {
    HeldRead held = new HeldRead();
    CompletableFuture<Optional<String>> racing = held.start(tagged);
    assertThat(held.seen.await(RACE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    row = "vx_a:revoked";
    Thread revoker = new Thread(() -> tagged.forget("digest-a"), "revoker");
    revoker.start();
    // The forget has left its mark and waits for the read to put its entry, to remove it.
    Awaitility.await()
        .atMost(RACE)
        .until(
            () ->
                revoker.getState() == Thread.State.BLOCKED
                    || revoker.getState() == Thread.State.WAITING
                    || !revoker.isAlive());
    held.letGo.countDown();
    revoker.join(RACE.toMillis());

    assertThat(racing.get(RACE.toSeconds(), TimeUnit.SECONDS)).contains("vx_a:revoked");
    assertThat(tagged.fresh("digest-a")).isNotEqualTo(Optional.of("vx_a:live"));
    assertThat(tagged.get("digest-a", key -> row)).contains("vx_a:revoked");
  }

  @Test
  void aBackgroundReadOvertakenByARevocationIsNotAnswered() {
    tagged.get("digest-a", key -> row);
    advance(TTL.dividedBy(2).plusMillis(1));
    assertThat(tagged.fresh("digest-a")).contains("vx_a:live"); // starts the background read
    duringReread =
        () -> {
          row = "vx_a:revoked";
          tagged.forgetTagged("vx_a");
        };
    runBackground(); // it saw the row before the revocation, and finishes after it
    assertThat(tagged.fresh("digest-a")).isEmpty();
    assertThat(tagged.get("digest-a", key -> row)).contains("vx_a:revoked");
  }

  @Test
  void forgettingEverythingAlsoCatchesAReadUnderWay() throws Exception {
    HeldRead held = new HeldRead();
    CompletableFuture<Optional<String>> racing = held.start(tagged);
    assertThat(held.seen.await(RACE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    row = "vx_a:revoked";
    tagged.forgetAll();
    held.letGo.countDown();
    assertThat(racing.get(RACE.toSeconds(), TimeUnit.SECONDS)).contains("vx_a:revoked");
    assertThat(tagged.fresh("digest-a")).contains("vx_a:revoked");
  }

  @Test
  void forgettingOneTagLeavesTheOthers() {
    tagged.get("digest-a", key -> "vx_a:live");
    tagged.get("digest-b", key -> "vx_b:live");
    tagged.forgetTagged("vx_a");
    assertThat(tagged.fresh("digest-a")).isEmpty();
    assertThat(tagged.fresh("digest-b")).contains("vx_b:live");
    advance(TTL.plusSeconds(2));
    assertThat(tagged.get("digest-a", key -> "vx_a:live"))
        .as("read again after the forget, and remembered")
        .contains("vx_a:live");
  }
}
