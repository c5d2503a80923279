package io.voxhost.recording.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Webhook notices by tenant, so that one tenant's slow or dead receiver holds up only its own: each
 * tenant holds at most {@code tenantHeld} notices (waiting, being sent or waiting to retry) and
 * sends at most {@code tenantSends} at once; the node holds at most {@code nodeHeld} and sends at
 * most {@code nodeSends}. Tenants ready to send take the node's free sends in turn. Plain
 * bookkeeping under one lock: no I/O, no threads.
 */
final class NoticeLanes {

  /** What became of an offered notice. */
  enum Offer {
    QUEUED,
    TENANT_FULL,
    NODE_FULL
  }

  private final int tenantHeld;
  private final int tenantSends;
  private final int nodeHeld;
  private final int nodeSends;
  private final Map<UUID, Lane> lanes = new HashMap<>();

  /** Lanes with a notice waiting and a send of their own free, in turn. */
  private final ArrayDeque<Lane> ready = new ArrayDeque<>();

  private int held;
  private int sending;

  NoticeLanes(int tenantHeld, int tenantSends, int nodeHeld, int nodeSends) {
    if (tenantHeld < 1 || tenantSends < 1 || nodeHeld < 1 || nodeSends < 1) {
      throw new IllegalArgumentException("webhook queues and sends must be at least 1");
    }
    this.tenantHeld = tenantHeld;
    this.tenantSends = tenantSends;
    this.nodeHeld = nodeHeld;
    this.nodeSends = nodeSends;
  }

  private static final class Lane {
    final UUID tenantId;
    final ArrayDeque<WebhookNotice> waiting = new ArrayDeque<>();
    int held;
    int sending;
    boolean inReady;

    Lane(UUID tenantId) {
      this.tenantId = tenantId;
    }
  }

  /** Takes a new notice, unless its tenant's or the node's bound is reached. */
  synchronized Offer offer(WebhookNotice n) {
    Lane lane = lanes.get(n.tenantId());
    if (lane != null && lane.held >= tenantHeld) {
      return Offer.TENANT_FULL;
    }
    if (held >= nodeHeld) {
      return Offer.NODE_FULL;
    }
    if (lane == null) {
      lane = new Lane(n.tenantId());
      lanes.put(n.tenantId(), lane);
    }
    lane.held++;
    held++;
    lane.waiting.addLast(n);
    markReady(lane);
    return Offer.QUEUED;
  }

  /** A notice that waited for its retry comes back (it was held all along). */
  synchronized void retry(WebhookNotice n) {
    Lane lane = lanes.get(n.tenantId());
    if (lane == null) {
      return; // not held here: cannot happen while a notice waits to retry, kept as a guard
    }
    lane.waiting.addLast(n);
    markReady(lane);
  }

  /** The notices to send now, each counted as being sent until {@link #sent}. */
  synchronized List<WebhookNotice> start() {
    List<WebhookNotice> out = new ArrayList<>();
    while (sending < nodeSends && !ready.isEmpty()) {
      Lane lane = ready.pollFirst();
      lane.inReady = false;
      out.add(lane.waiting.pollFirst());
      lane.sending++;
      sending++;
      markReady(lane);
    }
    return out;
  }

  /**
   * {@code n}'s send ended; with {@code last} it leaves (delivered, failed for good, or refused),
   * otherwise it stays held while it waits to {@link #retry}.
   */
  synchronized void sent(WebhookNotice n, boolean last) {
    Lane lane = lanes.get(n.tenantId());
    if (lane == null) {
      return;
    }
    lane.sending--;
    sending--;
    if (last) {
      release(lane);
    } else {
      markReady(lane);
    }
  }

  /** A notice waiting to retry was given up (the role stopped). */
  synchronized void abandoned(WebhookNotice n) {
    Lane lane = lanes.get(n.tenantId());
    if (lane != null) {
      release(lane);
    }
  }

  /** Notices held on the node: waiting, being sent or waiting to retry. */
  synchronized int held() {
    return held;
  }

  /** Notices being sent now. */
  synchronized int sending() {
    return sending;
  }

  private void release(Lane lane) {
    lane.held--;
    held--;
    if (lane.held == 0) {
      lanes.remove(lane.tenantId);
      ready.remove(lane);
    } else {
      markReady(lane);
    }
  }

  private void markReady(Lane lane) {
    if (!lane.inReady && !lane.waiting.isEmpty() && lane.sending < tenantSends) {
      lane.inReady = true;
      ready.addLast(lane);
    }
  }
}
