package io.voxhost.cnam.service;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Asks one upstream provider for a number's name over HTTP (implemented in the transport layer).
 * The target is checked against the node's outbound policy on every call, the answer's body bounded
 * by {@link ProviderSpec#maxBody()} and the whole call by {@link ProviderSpec#timeout()}.
 */
public interface ProviderHttp {

  /**
   * The name at the provider's pointer, not yet cleaned; empty when the provider says it knows none
   * (a not-found status, or nothing text at the pointer). Fails with {@link DipFailure}.
   */
  CompletionStage<Optional<String>> dip(ProviderSpec provider, String e164);
}
