package io.voxhost.tftp.transport;

/** What {@link TransferSources#open} made of a file: bytes to send, or the request's refusal. */
sealed interface SourceOpening {

  record Opened(TransferSource source) implements SourceOpening {}

  /**
   * @param outcome {@link RequestOutcome#NOT_FOUND} or {@link RequestOutcome#REFUSED}
   */
  record Refused(RequestOutcome outcome, Refusal refusal) implements SourceOpening {}
}
