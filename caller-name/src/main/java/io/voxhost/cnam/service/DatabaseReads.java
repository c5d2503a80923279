package io.voxhost.cnam.service;

import io.voxhost.cnam.CnamConfig;
import io.voxhost.platform.concurrent.RoleThreads;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;

/**
 * The threads a lookup's database reads (directory entries, subscribers not in memory) run on, so
 * that no event loop waits for PostgreSQL. Bounded by {@code voxhost.cnam.directory.threads} and
 * {@code .queue}: past the queue a read is not made at all and the lookup goes on without it, as it
 * would past its budget.
 */
@ApplicationScoped
public class DatabaseReads {

  private final ThreadPoolExecutor pool;

  DatabaseReads(RoleThreads threads, CnamConfig config) {
    this.pool =
        threads.pool("cnam", "reads", config.directory().threads(), config.directory().queue());
  }

  /** {@code read} on a reading thread; empty at once when the queue is full. */
  public <T> CompletableFuture<Optional<T>> read(Supplier<Optional<T>> read) {
    try {
      return CompletableFuture.supplyAsync(read, pool);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
  }

  /** Stops taking reads; those under way finish. */
  public void stop() {
    pool.shutdown();
  }
}
