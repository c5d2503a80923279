package io.voxhost.cnam.service;

import io.voxhost.cnam.api.CallerName;
import io.voxhost.cnam.api.SubscriberNames;
import io.voxhost.cnam.codec.NameText;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The first source: the display name of the tenant's own subscriber, asked as dialled ({@code
 * 1001}, so that extensions resolve) and then in E.164 form when that differs (a subscriber named
 * by its number). Memory answers at once; what memory cannot tell is read on {@link DatabaseReads}.
 * A build without the SIP module has no {@link SubscriberNames}: this source then knows nothing.
 */
@Singleton
public class SubscriberSource implements NameSource {

  static final int ORDER = 10;

  /** Resolved once: an {@code Instance.get()} per lookup costs more than the lookup. */
  private final Optional<SubscriberNames> names;

  private final DatabaseReads reads;

  SubscriberSource(Instance<SubscriberNames> names, DatabaseReads reads) {
    this.names = names.isResolvable() ? Optional.of(names.get()) : Optional.empty();
    this.reads = reads;
  }

  @Override
  public int order() {
    return ORDER;
  }

  @Override
  public Optional<SourceAnswer> inMemory(Lookup lookup) {
    if (names.isEmpty()) {
      return Optional.of(SourceAnswer.UNKNOWN);
    }
    SubscriberNames subscribers = names.get();
    for (String user : users(lookup)) {
      Optional<Optional<String>> known = subscribers.inMemory(lookup.tenant(), user);
      if (known.isEmpty()) {
        return Optional.empty(); // memory cannot tell: the whole source goes to the reads
      }
      Optional<SourceAnswer> named = answer(lookup, known.get());
      if (named.isPresent()) {
        return named;
      }
    }
    return Optional.of(SourceAnswer.UNKNOWN);
  }

  @Override
  public CompletionStage<SourceAnswer> lookup(Lookup lookup) {
    if (names.isEmpty()) {
      return CompletableFuture.completedFuture(SourceAnswer.UNKNOWN);
    }
    SubscriberNames subscribers = names.get();
    return reads
        .read(
            lookup.tenant(),
            lookup.deadlineNanos(),
            () -> {
              for (String user : users(lookup)) {
                Optional<SourceAnswer> named =
                    answer(lookup, subscribers.find(lookup.tenant(), user));
                if (named.isPresent()) {
                  return named;
                }
              }
              return Optional.of(SourceAnswer.UNKNOWN);
            })
        .handle(
            (read, failure) ->
                failure == null && read.isPresent() ? read.get() : SourceAnswer.UNREAD);
  }

  /** The user parts to ask, in order: as dialled, then the E.164 form if it is another. */
  private static List<String> users(Lookup lookup) {
    List<String> users = new ArrayList<>(2);
    users.add(lookup.dialled());
    if (lookup.e164() != null && !lookup.e164().equals(lookup.dialled())) {
      users.add(lookup.e164());
    }
    return users;
  }

  /** A found name, cleaned; a display name nothing is left of is no name (the next source asks). */
  private static Optional<SourceAnswer> answer(Lookup lookup, Optional<String> displayName) {
    return displayName
        .map(raw -> NameText.clean(raw, NameText.MAX_LENGTH))
        .map(
            name ->
                SourceAnswer.of(CallerName.found(lookup.number(), name, CallerName.SUBSCRIBER)));
  }
}
