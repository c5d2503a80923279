package io.voxhost.platform.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Per-key bounds: one key full leaves the others their slots. */
class KeyedSlotsTest {

  @Test
  void aFullKeyRefusesAndOthersStillTake() {
    KeyedSlots<String> slots = new KeyedSlots<>(2);
    assertThat(slots.tryTake("a")).isTrue();
    assertThat(slots.tryTake("a")).isTrue();
    assertThat(slots.tryTake("a")).isFalse();
    assertThat(slots.held("a")).isEqualTo(2);
    assertThat(slots.tryTake("b")).isTrue();
    slots.give("a");
    assertThat(slots.tryTake("a")).isTrue();
    slots.give("a");
    slots.give("a");
    slots.give("b");
    assertThat(slots.held("a")).isZero();
    assertThat(slots.held("b")).isZero();
    slots.give("c"); // nothing held: nothing happens
    assertThat(slots.held("c")).isZero();
  }

  @Test
  void neverMoreThanTheBoundUnderContention() throws Exception {
    KeyedSlots<String> slots = new KeyedSlots<>(3);
    AtomicInteger inUse = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < 8; t++) {
      pool.execute(
          () -> {
            try {
              start.await();
            } catch (InterruptedException e) {
              return;
            }
            for (int i = 0; i < 20_000; i++) {
              if (slots.tryTake("k")) {
                most.accumulateAndGet(inUse.incrementAndGet(), Math::max);
                inUse.decrementAndGet();
                slots.give("k");
              }
            }
          });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    assertThat(most.get()).isBetween(1, 3);
    assertThat(slots.held("k")).isZero();
  }

  @Test
  void aBatchTakesAllItsSlotsOrNone() {
    KeyedSlots<String> slots = new KeyedSlots<>(10);
    assertThat(slots.tryTake("t", 7)).isTrue();
    assertThat(slots.tryTake("t", 4)).isFalse();
    assertThat(slots.held("t")).isEqualTo(7);
    assertThat(slots.tryTake("t", 3)).isTrue();
    assertThat(slots.tryTake("t")).isFalse();
    slots.give("t", 10);
    assertThat(slots.held("t")).isZero();
    assertThat(slots.tryTake("t", 11)).isFalse();
    assertThatThrownBy(() -> slots.tryTake("t", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBoundBelowOneIsRefused() {
    assertThatThrownBy(() -> new KeyedSlots<>(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
