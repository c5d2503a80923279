package io.voxhost.cti.service;

import io.voxhost.platform.service.PageCursor;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Where call records are kept ({@code cti.call}), and the marks of calls to build again. */
public interface CallStore {

  /** A call key of one tenant's source instance. */
  record CallKey(UUID tenant, String instance, String key) {}

  /** A call record and its tenant. */
  record TenantCall(UUID tenant, CallRecord call) {}

  /** What a rebuild reads, in the transaction that claimed its keys. */
  interface Reader {

    /** Up to {@code limit} events of the keys. */
    List<ReceivedEvent> events(UUID tenant, String instance, Collection<String> keys, int limit);

    /**
     * The keys that {@code names} (channels, peers) lead to: a name that is a key, the key a
     * channel of that name started under.
     */
    Set<String> linkedKeys(UUID tenant, String instance, Collection<String> names);

    /** The records already built that hold one of the keys. */
    List<KnownCall> known(UUID tenant, String instance, Collection<String> keys);
  }

  /**
   * A record already built: its keys, and whether the sweep closed it.
   *
   * @param keys its keys
   * @param swept whether the sweep closed it
   */
  record KnownCall(List<String> keys, boolean swept) {}

  /** Makes the records of claimed keys. */
  interface Rebuild {
    List<TenantCall> build(List<CallKey> claimed, Reader reader);
  }

  /**
   * Claims up to {@code limit} marked keys (another node's claims are skipped) and, in the same
   * transaction, saves the records {@code rebuild} makes of them: a record under the smallest key
   * of its call replaces those under its other keys, and a record built from fewer events never
   * replaces one built from more. Returns how many keys were claimed.
   */
  int rebuildMarked(int limit, Rebuild rebuild);

  /**
   * Closes the open calls that have heard nothing since {@code quietSince}: marks them swept and to
   * be built again. Returns how many.
   */
  int sweep(Instant quietSince, Instant now);

  /**
   * A call whose caller's number the caller-name role has not been asked about.
   *
   * @param tenant its tenant
   * @param id its id
   * @param number the caller's number
   */
  record Unnamed(UUID tenant, UUID id, String number) {}

  /**
   * The caller-name role's answer for a call.
   *
   * @param call the call and the number asked about
   * @param number the number asked about
   * @param name the name found, or null
   * @param source where it was found ({@code none} when nowhere)
   */
  record Named(Unnamed call, String number, String name, String source) {}

  /** Up to {@code limit} calls whose caller's number has not been looked up, oldest first. */
  List<Unnamed> unnamed(int limit);

  /** Stores the answers (each only while its number is still its call's caller's). */
  void named(List<Named> names);

  Optional<CallRecord> find(UUID tenant, UUID id);

  /** What a list of calls is narrowed to; null fields do not narrow it. */
  record CallFilter(
      Instant from,
      Instant to,
      String state,
      String outcome,
      String queue,
      String agent,
      String number,
      String key) {}

  /** A tenant's calls by start then id, after the cursor. */
  List<CallRecord> page(UUID tenant, CallFilter filter, PageCursor after, int limit);

  /**
   * Up to {@code limit} of a tenant's calls by start then id, after the cursor, as the fields of
   * {@link CallExport#COLUMNS}, with the cursor of the last.
   */
  ExportChunk exportChunk(UUID tenant, CallFilter filter, PageCursor after, int limit);

  /** Rows of an export and where the next chunk starts; {@code last} is null when none came. */
  record ExportChunk(List<String[]> rows, PageCursor last) {}

  /** Up to {@code limit} of a tenant's open calls, by start then id. */
  List<CallRecord> open(UUID tenant, int limit);

  /** The tenant's calls of these ids that exist. */
  List<CallRecord> found(UUID tenant, Collection<UUID> ids);
}
