package io.budai.collector.ingest;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the periodic flush and the finalization sweep on one thread, so they never overlap on this
 * instance (two replicas flushing the same meeting is safe: keyed upserts, revision checks).
 */
@Component
class FlushScheduler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(FlushScheduler.class);

  private final Flusher flusher;
  private final MeetingLifecycle lifecycle;
  private volatile ScheduledExecutorService executor;

  FlushScheduler(Flusher flusher, MeetingLifecycle lifecycle) {
    this.flusher = flusher;
    this.lifecycle = lifecycle;
  }

  @Override
  public void start() {
    if (!flusher.enabled()) {
      log.info("Periodic flush disabled on this instance (collector.flush.enabled=false)");
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("collector-flush").daemon().factory());
    long interval = flusher.interval().toMillis();
    executor.scheduleWithFixedDelay(this::run, interval, interval, TimeUnit.MILLISECONDS);
  }

  /** One flush and one sweep; failures are logged and retried on the next run. */
  void run() {
    try {
      flusher.flushDue();
    } catch (RuntimeException e) {
      log.warn("Flush failed; segments stay in Redis until the next run", e);
    }
    try {
      lifecycle.sweep();
    } catch (RuntimeException e) {
      log.warn("Finalization sweep failed", e);
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService running = executor;
    if (running != null) {
      running.shutdown();
      try {
        running.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }

  @Override
  public int getPhase() {
    // stops before the bus and the connection factories it relies on
    return Integer.MAX_VALUE - 2000;
  }
}
