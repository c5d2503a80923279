package io.voxhost.cnam.service;

import io.voxhost.cnam.api.CallerName;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A directory as a step of the chain: memory answers when it knows the number (its name or its
 * absence); otherwise one indexed row is read on {@link DatabaseReads}. Applies to E.164 numbers
 * only: an extension is no directory's business. A read that fails, or finds the pool's queue full,
 * knows no name, and the chain goes on.
 */
abstract class DirectorySource implements NameSource {

  private final DirectoryMemory memory;
  private final DatabaseReads reads;

  DirectorySource(DirectoryMemory memory, DatabaseReads reads) {
    this.memory = memory;
    this.reads = reads;
  }

  /** Whose directory the lookup reads. */
  abstract DirectoryScope scope(Lookup lookup);

  /** The answer's {@link CallerName#source()}. */
  abstract String source();

  @Override
  public Optional<SourceAnswer> inMemory(Lookup lookup) {
    if (lookup.e164() == null) {
      return Optional.of(SourceAnswer.UNKNOWN);
    }
    return memory.known(scope(lookup), lookup.e164()).map(name -> answer(lookup, name));
  }

  @Override
  public CompletionStage<SourceAnswer> lookup(Lookup lookup) {
    Optional<SourceAnswer> known = inMemory(lookup);
    if (known.isPresent()) {
      return CompletableFuture.completedFuture(known.get());
    }
    DirectoryScope scope = scope(lookup);
    return reads
        .read(
            lookup.tenant(),
            lookup.deadlineNanos(),
            () -> Optional.of(memory.read(scope, lookup.e164())))
        .handle(
            (read, failure) ->
                failure != null || read.isEmpty()
                    ? SourceAnswer.UNREAD
                    : answer(lookup, read.get()));
  }

  private SourceAnswer answer(Lookup lookup, Optional<String> name) {
    return name.map(n -> SourceAnswer.of(CallerName.found(lookup.e164(), n, source())))
        .orElse(SourceAnswer.UNKNOWN);
  }
}
