package io.voxhost.cti.service;

import io.voxhost.platform.service.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reading a tenant's call records; another tenant's are never found. */
@ApplicationScoped
public class CallRecords {

  /** A page and the cursor of the next one (null at the end). */
  public record Page(List<CallRecord> items, String next) {}

  private final CallStore store;

  CallRecords(CallStore store) {
    this.store = store;
  }

  public Optional<CallRecord> find(UUID tenant, UUID id) {
    return store.find(tenant, id);
  }

  /**
   * Calls by start then id after {@code cursor}, so that pages neither skip nor repeat while new
   * calls arrive.
   *
   * @throws PageCursor.BadCursor when the cursor is not one this API gave out
   */
  public Page page(UUID tenant, CallStore.CallFilter filter, String cursor, int limit) {
    List<CallRecord> found = store.page(tenant, filter, PageCursor.decode(cursor), limit + 1);
    if (found.size() <= limit) {
      return new Page(found, null);
    }
    CallRecord last = found.get(limit - 1);
    return new Page(
        List.copyOf(found.subList(0, limit)), new PageCursor(last.started(), last.id()).encode());
  }
}
