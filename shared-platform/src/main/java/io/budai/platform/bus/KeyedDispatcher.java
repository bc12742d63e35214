package io.budai.platform.bus;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs tasks on an executor with at most {@code maxInFlight} at once, and tasks of one key strictly
 * one after the other in submission order. {@link #submit} blocks while the limit is reached, which
 * is what throttles the reading loop.
 */
final class KeyedDispatcher {

  private final ExecutorService executor;
  private final Semaphore permits;
  private final int maxInFlight;
  private final ConcurrentMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

  KeyedDispatcher(ExecutorService executor, int maxInFlight) {
    this.executor = executor;
    this.maxInFlight = maxInFlight;
    this.permits = new Semaphore(maxInFlight);
  }

  /**
   * Submits {@code task} (which must not throw) after the earlier tasks of {@code key}, waiting for
   * a free slot while {@code keepWaiting} says so.
   *
   * @return false when it gave up waiting (the task was not submitted)
   */
  boolean submit(@Nullable String key, Runnable task, BooleanSupplier keepWaiting)
      throws InterruptedException {
    while (!permits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
      if (!keepWaiting.getAsBoolean()) {
        return false;
      }
    }
    Runnable guarded =
        () -> {
          try {
            task.run();
          } finally {
            permits.release();
          }
        };
    try {
      if (key == null) {
        CompletableFuture.runAsync(guarded, executor);
        return true;
      }
      CompletableFuture<Void> next =
          tails.compute(
              key,
              (k, tail) ->
                  tail == null
                      ? CompletableFuture.runAsync(guarded, executor)
                      : tail.exceptionally(error -> null).thenRunAsync(guarded, executor));
      next.whenComplete((ignored, error) -> tails.remove(key, next));
      return true;
    } catch (RuntimeException rejected) {
      permits.release();
      throw rejected;
    }
  }

  /** Tasks submitted and not finished. */
  int inFlight() {
    return maxInFlight - permits.availablePermits();
  }

  /** Waits until every submitted task finished, at most {@code timeoutMillis}. */
  boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    if (permits.tryAcquire(maxInFlight, timeoutMillis, TimeUnit.MILLISECONDS)) {
      permits.release(maxInFlight);
      return true;
    }
    return false;
  }
}
