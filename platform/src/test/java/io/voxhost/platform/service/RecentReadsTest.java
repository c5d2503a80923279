package io.voxhost.platform.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
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
}
