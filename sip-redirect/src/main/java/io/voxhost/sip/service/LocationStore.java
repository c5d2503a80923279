package io.voxhost.sip.service;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Where bindings live, as the registrar and the redirect server see it. Whether it caches, writes
 * through or reads a database each time is the implementation's business.
 */
public interface LocationStore {

  /** The AOR's bindings live at {@code now}, best first. */
  List<Binding> lookup(AddressOfRecord aor, Instant now);

  /**
   * Runs {@code change} on the AOR's live bindings and stores the result if it is {@link
   * RegisterOutcome.Registered}; changes to one AOR never interleave.
   */
  RegisterOutcome update(
      AddressOfRecord aor, Instant now, Function<List<Binding>, RegisterOutcome> change);

  /** Removes bindings expired at {@code now}; returns how many. */
  int sweep(Instant now);

  /** Live bindings in total. */
  long size();
}
