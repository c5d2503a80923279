package io.voxhost.platform.api;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * Blocking work for a resource or filter that runs on the event loop: answers from memory stay on
 * the event loop (no thread switch), and only what must wait on the database goes to a worker.
 */
public final class OffEventLoop {

  private OffEventLoop() {}

  /**
   * Runs {@code work} on a worker thread and delivers its result back on the request's event loop.
   * The worker keeps the request's Vert.x context, and with it the request's CDI scope.
   */
  public static <T> Uni<T> call(Callable<T> work) {
    Context context = Vertx.currentContext();
    if (context == null || !Context.isOnEventLoopThread()) {
      return Uni.createFrom().item(() -> callUnchecked(work)); // already allowed to block
    }
    return Uni.createFrom()
        .completionStage(() -> context.executeBlocking(work, false).toCompletionStage());
  }

  private static <T> T callUnchecked(Callable<T> work) {
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
