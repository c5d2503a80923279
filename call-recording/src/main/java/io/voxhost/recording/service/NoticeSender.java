package io.voxhost.recording.service;

import io.voxhost.platform.net.OutboundTarget;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * POSTs a body to a checked {@link OutboundTarget}: connects to its address (never resolving its
 * host again), within 5 s, and gives up on an answer after 10 s. The transport implements it.
 */
public interface NoticeSender {

  /** Completes with the answer's status, or exceptionally if there was none in time. */
  CompletionStage<Integer> post(OutboundTarget target, Map<String, String> headers, byte[] body);
}
