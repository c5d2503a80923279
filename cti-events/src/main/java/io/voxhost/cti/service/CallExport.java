package io.voxhost.cti.service;

import io.voxhost.cti.CtiConfig;
import io.voxhost.platform.exports.CsvExport;
import io.voxhost.platform.limits.KeyedSlots;
import io.voxhost.platform.service.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/**
 * A tenant's calls as CSV, streamed in chunks of {@link #CHUNK} read by start then id: each chunk
 * is one short query (no transaction stays open while a slow client reads), memory holds one chunk,
 * and calls that arrive meanwhile are neither skipped nor repeated. A node streams {@code
 * voxhost.cti.exports} at once, a tenant {@code voxhost.cti.tenant-exports}.
 */
@ApplicationScoped
public class CallExport {

  /** The header line: one column per field of a call record (cti.md, "Export"). */
  public static final List<String> COLUMNS =
      List.of(
          "id",
          "instance",
          "key",
          "keys",
          "state",
          "outcome",
          "started",
          "ended",
          "caller_number",
          "caller_name",
          "caller_name_source",
          "callee",
          "ringing",
          "answered",
          "answered_by",
          "queue",
          "queue_entered",
          "queue_left",
          "queue_result",
          "agents",
          "ring_no_answers",
          "holds",
          "hold_ms",
          "transfers",
          "picked_up",
          "wait_ms",
          "talk_ms",
          "duration_ms",
          "recording",
          "events",
          "late_events",
          "problem");

  /** Calls read at once. */
  static final int CHUNK = 5000;

  /** How long an export may go without getting a chunk out before its connection is closed. */
  public static final Duration STALL = Duration.ofSeconds(60);

  /** More exports at once than the bounds allow. */
  public static final class Busy extends Exception {
    Busy(String message) {
      super(message);
    }
  }

  /** A slot to stream one export in; give it back when the export ends. */
  public final class Slot implements AutoCloseable {
    private final UUID tenant;
    private boolean open = true;
    private volatile long progressed = System.nanoTime();

    private Slot(UUID tenant) {
      this.tenant = tenant;
    }

    /** Streams the calls that match the filter to {@code out} as CSV. */
    public void write(CallStore.CallFilter filter, OutputStream out) throws IOException {
      try (CsvExport csv = new CsvExport(out, COLUMNS)) {
        PageCursor after = null;
        while (true) {
          CallStore.ExportChunk chunk = store.exportChunk(tenant, filter, after, CHUNK);
          for (String[] row : chunk.rows()) {
            csv.row(row);
          }
          if (chunk.rows().size() < CHUNK) {
            return;
          }
          csv.flush();
          progressed = System.nanoTime();
          after = chunk.last();
        }
      }
    }

    /**
     * Whether the export has not got a chunk out for {@link #STALL}: its client stopped reading
     * (the output blocks), and its connection should be closed so that the slot comes back.
     */
    public boolean stalled() {
      return System.nanoTime() - progressed > STALL.toNanos();
    }

    @Override
    public void close() {
      if (open) {
        open = false;
        perTenant.give(tenant);
        node.release();
      }
    }
  }

  private final CallStore store;
  private final Semaphore node;
  private final KeyedSlots<UUID> perTenant;

  CallExport(CallStore store, CtiConfig config) {
    this.store = store;
    this.node = new Semaphore(config.exports());
    this.perTenant = new KeyedSlots<>(config.tenantExports());
  }

  /**
   * A slot for one of {@code tenant}'s exports.
   *
   * @throws Busy when the tenant or the node streams all the exports it may
   */
  public Slot open(UUID tenant) throws Busy {
    if (!perTenant.tryTake(tenant)) {
      throw new Busy(
          "this tenant already streams "
              + perTenant.perKey()
              + " export(s) of calls; try again when one has ended");
    }
    if (!node.tryAcquire()) {
      perTenant.give(tenant);
      throw new Busy("this node streams all the exports of calls it may; try again shortly");
    }
    return new Slot(tenant);
  }
}
