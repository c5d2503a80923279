package io.voxhost.cnam.api;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Caller names for other roles (call records, recording metadata, the SIP dip). Implemented by the
 * {@code cnam} role; present on a node only when that role's module is.
 */
public interface CallerNames {

  /**
   * The name of {@code number} (E.164, a national number read in the tenant's region, an extension,
   * or a {@code sip:}/{@code tel:} URI) for {@code tenant}. Completes within the node's budget
   * ({@code voxhost.cnam.budget}) with a name or {@link CallerName#none}; fails only with {@link
   * io.voxhost.platform.service.InvalidInput} for input that is no number.
   */
  CompletionStage<CallerName> lookup(UUID tenant, String number);

  /**
   * The answer if memory alone gives it, without waiting for anything; empty when a lookup would
   * have to read the database or ask a provider (or the number is not valid). For labels on a hot
   * path.
   */
  Optional<CallerName> inMemory(UUID tenant, String number);

  /**
   * The user part SIP dips are addressed to ({@code voxhost.cnam.sip-user}); empty when the node
   * takes no SIP dips.
   */
  Optional<String> sipUser();
}
