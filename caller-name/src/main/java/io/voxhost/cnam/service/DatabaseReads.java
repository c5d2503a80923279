package io.voxhost.cnam.service;

import io.voxhost.cnam.CnamConfig;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.limits.KeyedSlots;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;

/**
 * The threads a lookup's reads of subscribers not in memory run on (directory entries have their
 * own, batching {@link DirectoryReader}), so that no event loop waits for PostgreSQL. Bounded by
 * {@code voxhost.cnam.directory.threads} and {@code .queue}, and per tenant by {@code
 * .tenant-queue}: past either a read is not made at all and the lookup goes on without it, as it
 * would past its budget.
 */
@ApplicationScoped
public class DatabaseReads {

  private final ThreadPoolExecutor pool;
  private final KeyedSlots<UUID> perTenant;

  DatabaseReads(RoleThreads threads, CnamConfig config) {
    this.pool =
        threads.pool("cnam", "reads", config.directory().threads(), config.directory().queue());
    this.perTenant = new KeyedSlots<>(config.directory().tenantQueue());
  }

  /**
   * {@code read} for {@code tenant} on a reading thread; empty (not read) at once when the node's
   * queue or the tenant's share of it ({@code directory.tenant-queue}) is full, or later when the
   * read's turn comes after {@code deadlineNanos}.
   */
  public <T> CompletableFuture<Optional<T>> read(
      UUID tenant, long deadlineNanos, Supplier<Optional<T>> read) {
    if (!perTenant.tryTake(tenant)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    try {
      // A read still queued when its lookup has answered is not made: under load the queue would
      // otherwise keep the database busy with answers nobody waits for.
      Supplier<Optional<T>> inTime =
          () -> System.nanoTime() - deadlineNanos >= 0 ? Optional.empty() : read.get();
      CompletableFuture<Optional<T>> done = CompletableFuture.supplyAsync(inTime, pool);
      done.whenComplete((r, e) -> perTenant.give(tenant));
      return done;
    } catch (RejectedExecutionException e) {
      perTenant.give(tenant);
      return CompletableFuture.completedFuture(Optional.empty());
    }
  }

  /** Stops taking reads; those under way finish. */
  public void stop() {
    pool.shutdown();
  }
}
