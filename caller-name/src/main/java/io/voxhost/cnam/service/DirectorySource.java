package io.voxhost.cnam.service;

import io.voxhost.cnam.api.CallerName;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A directory as a step of the chain: memory answers when it knows the number (its name or its
 * absence); otherwise the number is read in both directories by {@link DirectoryReader} (so the
 * platform's step after the tenant's finds it in memory). Applies to E.164 numbers only: an
 * extension is no directory's business. A read that fails, or finds the pool's queue full, knows no
 * name, and the chain goes on.
 */
abstract class DirectorySource implements NameSource {

  private final DirectoryMemory memory;
  private final DirectoryReader reader;

  DirectorySource(DirectoryMemory memory, DirectoryReader reader) {
    this.memory = memory;
    this.reader = reader;
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
    return reader
        .read(new NumberInTenant(lookup.tenant(), lookup.e164()), lookup.deadlineNanos())
        .handle(
            (read, failure) ->
                failure != null || read.isEmpty()
                    ? SourceAnswer.UNREAD
                    : answer(lookup, read.get().in(scope)));
  }

  private SourceAnswer answer(Lookup lookup, Optional<String> name) {
    return name.map(n -> SourceAnswer.of(CallerName.found(lookup.e164(), n, source())))
        .orElse(SourceAnswer.UNKNOWN);
  }
}
