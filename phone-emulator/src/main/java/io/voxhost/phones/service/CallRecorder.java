package io.voxhost.phones.service;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Where a recorded call's media is forked to: the recording role's capture sessions, opened and
 * stopped as a media server does.
 */
public interface CallRecorder {

  /** An open session: its id and the two legs' RTP destinations. */
  record Tap(String id, InetSocketAddress callerLeg, InetSocketAddress calleeLeg) {}

  /**
   * Opens a session for call {@code callId} from {@code from} to {@code to}, both legs taking RTP
   * only from {@code source}; fails with a {@link RequestRefused} naming the refusal.
   */
  CompletableFuture<Tap> open(String callId, String from, String to, String source);

  /** Stops session {@code id}: its recording is then assembled. */
  CompletableFuture<Void> stop(String id);
}
