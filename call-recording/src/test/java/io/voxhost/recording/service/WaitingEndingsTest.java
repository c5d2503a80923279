package io.voxhost.recording.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rows waiting for the database: bounded, doubling delays, and nothing once stopped. */
class WaitingEndingsTest {

  /** An attempt whose delay is the longest: it never runs during a test. */
  private static final int LATE = 30;

  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  @Test
  void waitsNoMoreThanItsRoom() {
    WaitingEndings waiting = new WaitingEndings(timer, 2);

    assertThat(waiting.later(() -> {}, LATE)).isTrue();
    assertThat(waiting.later(() -> {}, LATE)).isTrue();
    assertThat(waiting.later(() -> {}, LATE)).isFalse();
    assertThat(waiting.size()).isEqualTo(2);
  }

  @Test
  void aStopLeavesWhatWaitedAndTakesNothingMore() {
    WaitingEndings waiting = new WaitingEndings(timer, 10);
    waiting.later(() -> {}, LATE);
    waiting.later(() -> {}, LATE);

    assertThat(waiting.stop()).isEqualTo(2);
    assertThat(waiting.size()).isZero();
    assertThat(waiting.later(() -> {}, 1)).isFalse();
  }

  @Test
  void aRetryRunsAndFreesItsRoom() throws Exception {
    WaitingEndings waiting = new WaitingEndings(timer, 1);
    CountDownLatch ran = new CountDownLatch(1);

    assertThat(waiting.later(ran::countDown, 1)).isTrue();

    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> waiting.size() == 0);
    assertThat(waiting.later(() -> {}, LATE)).isTrue();
  }

  @Test
  void delaysDoubleFromASecondUpToAMinuteLessAtMostATenth() {
    assertThat(WaitingEndings.delayBefore(1)).isBetween(900L, 1_000L);
    assertThat(WaitingEndings.delayBefore(2)).isBetween(1_800L, 2_000L);
    assertThat(WaitingEndings.delayBefore(4)).isBetween(7_200L, 8_000L);
    assertThat(WaitingEndings.delayBefore(7)).isBetween(54_000L, 60_000L);
    assertThat(WaitingEndings.delayBefore(LATE)).isBetween(54_000L, 60_000L);
  }
}
