package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentAnswersTest {

  private static byte[] answer(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void aRetransmissionGetsNothingWhilePendingThenTheAnswerAsSent() {
    RecentAnswers answers = new RecentAnswers(60_000, 1_000, 4_096);

    assertThat(answers.claim("z9hG4bK1|call-1|1")).isNull();
    assertThat(answers.claim("z9hG4bK1|call-1|1")).isEmpty();

    answers.remember("z9hG4bK1|call-1|1", answer("SIP/2.0 200 OK"));
    assertThat(answers.claim("z9hG4bK1|call-1|1")).isEqualTo(answer("SIP/2.0 200 OK"));
    assertThat(answers.claim("z9hG4bK1|call-1|2")).isNull();
  }

  @Test
  void anAnswerOverwrittenInTheRingMakesTheRetransmissionANewRequest() {
    RecentAnswers answers = new RecentAnswers(60_000, 1_000, 1_024);
    answers.claim("first");
    answers.remember("first", new byte[100]);
    for (int i = 0; i < 20; i++) {
      answers.claim("other-" + i);
      answers.remember("other-" + i, answer("answer " + i + " ".repeat(90)));
    }

    assertThat(answers.claim("first")).isNull();
    assertThat(answers.claim("first")).isEmpty(); // claimed again: pending once more
    assertThat(answers.claim("other-19")).startsWith(answer("answer 19"));
  }

  @Test
  void anAnswerTooLargeForTheRingIsNotKept() {
    RecentAnswers answers = new RecentAnswers(60_000, 1_000, 1_024);
    answers.claim("big");
    answers.remember("big", new byte[600]);

    assertThat(answers.claim("big")).isNull();
  }

  @Test
  void keysAreKeptForOneGenerationAndForgottenAfterTwo() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    RecentFingerprints recent = new RecentFingerprints(50, 100, now::get);
    long fingerprint = recent.fingerprint("z9hG4bK-invite");
    recent.putIfAbsent(fingerprint, 1);
    assertThat(recent.contains(fingerprint)).isTrue();
    assertThat(recent.contains(recent.fingerprint("z9hG4bK-other"))).isFalse();

    now.addAndGet(60_000_000L); // one generation on: still remembered, in the previous one
    assertThat(recent.contains(fingerprint)).isTrue();

    now.addAndGet(60_000_000L);
    assertThat(recent.contains(fingerprint)).isFalse();
  }

  @Test
  void aFullGenerationKeepsNothingMore() {
    RecentFingerprints recent = new RecentFingerprints(60_000, 16);
    for (int i = 0; i < 16; i++) {
      assertThat(recent.putIfAbsent(recent.fingerprint("k" + i), i))
          .isEqualTo(RecentFingerprints.ABSENT);
    }
    long extra = recent.fingerprint("k16");
    recent.putIfAbsent(extra, 16);

    assertThat(recent.contains(extra)).isFalse();
    assertThat(recent.putIfAbsent(recent.fingerprint("k3"), 99)).isEqualTo(3);
  }
}
