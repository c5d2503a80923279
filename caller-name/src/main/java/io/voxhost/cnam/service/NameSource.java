package io.voxhost.cnam.service;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One place a caller's name may be found; the chain asks them in {@link #order()}: subscribers, the
 * tenant's directory, the platform's directory, then upstream providers. A source that does not
 * apply to a lookup (such as a directory for a number that is no E.164 number) answers {@link
 * SourceAnswer#UNKNOWN} from memory.
 */
public interface NameSource {

  /** Where it stands in the chain: lower is asked first. */
  int order();

  /** The answer if memory gives it now, without waiting; empty when only {@link #lookup} can. */
  Optional<SourceAnswer> inMemory(Lookup lookup);

  /**
   * The answer, perhaps after reading the database or asking a provider; should complete before the
   * lookup's deadline, and never fails (a failure is {@link SourceAnswer#UNKNOWN}).
   */
  CompletionStage<SourceAnswer> lookup(Lookup lookup);
}
