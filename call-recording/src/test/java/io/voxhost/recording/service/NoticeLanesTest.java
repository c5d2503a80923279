package io.voxhost.recording.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The per-tenant bookkeeping of webhook notices, without sending anything. */
class NoticeLanesTest {

  private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

  private static WebhookNotice notice(UUID tenant) {
    return new WebhookNotice(tenant, UUID.randomUUID(), "http://h/", null, new byte[0], 1);
  }

  @Test
  void aTenantSendsAtMostItsShareAndTheOthersStillGo() {
    NoticeLanes lanes = new NoticeLanes(3, 2, 100, 10);
    for (int i = 0; i < 3; i++) {
      assertThat(lanes.offer(notice(A))).isEqualTo(NoticeLanes.Offer.QUEUED);
    }
    assertThat(lanes.start()).hasSize(2).allMatch(n -> n.tenantId().equals(A));
    // A's lane is full (two being sent, one waiting): only A's next notice is dropped.
    assertThat(lanes.offer(notice(A))).isEqualTo(NoticeLanes.Offer.TENANT_FULL);
    assertThat(lanes.offer(notice(B))).isEqualTo(NoticeLanes.Offer.QUEUED);
    assertThat(lanes.start()).singleElement().matches(n -> n.tenantId().equals(B));
    assertThat(lanes.sending()).isEqualTo(3);
    assertThat(lanes.held()).isEqualTo(4);
  }

  @Test
  void theNodesBoundsHoldAcrossTenantsAndReadyTenantsTakeTurns() {
    NoticeLanes lanes = new NoticeLanes(10, 2, 5, 2);
    for (int i = 0; i < 3; i++) {
      lanes.offer(notice(A));
    }
    lanes.offer(notice(B));
    lanes.offer(notice(B));
    assertThat(lanes.offer(notice(B))).isEqualTo(NoticeLanes.Offer.NODE_FULL);
    List<WebhookNotice> first = lanes.start();
    assertThat(first).extracting(WebhookNotice::tenantId).containsExactly(A, B);
    assertThat(lanes.start()).isEmpty();
    lanes.sent(first.get(0), true);
    // Turns go A, B, A, B: A's freed send goes to A's next notice, B's then to B's.
    assertThat(lanes.start()).extracting(WebhookNotice::tenantId).containsExactly(A);
    lanes.sent(first.get(1), true);
    assertThat(lanes.start()).extracting(WebhookNotice::tenantId).containsExactly(B);
  }

  @Test
  void aNoticeWaitingToRetryStaysHeldUntilItsLastAttempt() {
    NoticeLanes lanes = new NoticeLanes(1, 1, 10, 10);
    lanes.offer(notice(A));
    WebhookNotice n = lanes.start().get(0);
    lanes.sent(n, false);
    assertThat(lanes.held()).isEqualTo(1);
    assertThat(lanes.offer(notice(A))).isEqualTo(NoticeLanes.Offer.TENANT_FULL);
    lanes.retry(n.next());
    WebhookNotice again = lanes.start().get(0);
    assertThat(again.attempt()).isEqualTo(2);
    lanes.sent(again, true);
    assertThat(lanes.held()).isZero();
    assertThat(lanes.sending()).isZero();
    assertThat(lanes.offer(notice(A))).isEqualTo(NoticeLanes.Offer.QUEUED);
  }
}
