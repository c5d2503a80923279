package io.voxhost.sip.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Where bindings live, as the registrar and the redirect server see it. Lookups answer from memory
 * at once; changes complete when they are durable.
 */
public interface LocationStore {

  /** The AOR's bindings live at {@code now}, best first. */
  List<Binding> lookup(AddressOfRecord aor, Instant now);

  /**
   * Runs {@code change} on the AOR's live bindings and stores the result if it is {@link
   * RegisterOutcome.Registered}; changes to one AOR never interleave. Lookups see the change at
   * once; its stage tells when it is durable.
   */
  StagedChange update(
      AddressOfRecord aor, Instant now, Function<List<Binding>, RegisterOutcome> change);

  /**
   * Runs each change as {@link #update} would, but on bindings of its own, and writes the result in
   * a transaction that is rolled back: the way a warm-up goes through the whole path of a REGISTER
   * and leaves nothing behind. The changes' AORs must be no tenant's.
   */
  List<RegisterOutcome> rehearse(
      Map<AddressOfRecord, Function<List<Binding>, RegisterOutcome>> changes, Instant now);

  /** Removes every binding of the AOR; completes with how many there were once durable. */
  CompletionStage<Integer> removeAll(AddressOfRecord aor);

  /** Live bindings of a tenant, optionally of one user only, at most {@code limit}. */
  List<Binding> list(UUID tenantId, String user, Instant now, int limit);

  /** Removes bindings expired at {@code now}; returns how many. */
  int sweep(Instant now);

  /** Live bindings in total (expired ones count until the next sweep). */
  long size();
}
