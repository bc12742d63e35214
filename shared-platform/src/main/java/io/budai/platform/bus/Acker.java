package io.budai.platform.bus;

import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges handled entries in batches: whatever completed while the previous batch was on the
 * wire goes out as one script that marks the events processed and {@code XACK}s their entries. One
 * round trip per batch instead of one per entry is what keeps the bus close to raw Redis.
 */
final class Acker {

  private static final Logger log = LoggerFactory.getLogger(Acker.class);
  private static final int MAX_BATCH = 500;

  /** A handled entry, with the processed marker to set (null: nothing to mark). */
  record Completion(String entryId, @Nullable String marker) {}

  private final String stream;
  private final String group;
  private final BusRedis redis;
  private final String ttlSeconds;
  private final long timeoutMillis;
  private final BlockingQueue<Completion> queue = new LinkedBlockingQueue<>();
  private final Thread flusher;
  private final java.util.function.Consumer<List<String>> acknowledged;
  private volatile boolean stopping;

  Acker(
      String stream,
      String group,
      BusRedis redis,
      BusProperties properties,
      java.util.function.Consumer<List<String>> acknowledged) {
    this.acknowledged = acknowledged;
    this.stream = stream;
    this.group = group;
    this.redis = redis;
    this.ttlSeconds = Long.toString(Math.max(1, properties.processedTtl().toSeconds()));
    this.timeoutMillis = properties.publishTimeout().toMillis();
    this.flusher = Thread.ofVirtual().name("bus-acker").unstarted(this::run);
  }

  void start() {
    flusher.start();
  }

  void complete(String entryId, @Nullable String marker) {
    queue.add(new Completion(entryId, marker));
  }

  /** Flushes everything queued so far and stops. */
  void stop() {
    stopping = true;
    try {
      flusher.join(timeoutMillis * 3 + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Completion> rest = new ArrayList<>();
    queue.drainTo(rest);
    if (!rest.isEmpty()) {
      flush(rest);
    }
  }

  int queued() {
    return queue.size();
  }

  private void run() {
    List<Completion> batch = new ArrayList<>(MAX_BATCH);
    while (!stopping || !queue.isEmpty()) {
      try {
        Completion first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        flush(batch);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void flush(List<Completion> batch) {
    List<String> keys = new ArrayList<>(batch.size() + 1);
    keys.add(stream);
    String[] args = new String[batch.size() + 2];
    args[0] = group;
    args[1] = ttlSeconds;
    int i = 2;
    for (Completion completion : batch) {
      if (completion.marker() != null) {
        keys.add(completion.marker());
      }
      args[i++] = completion.entryId();
    }
    try {
      send(batch, keys, args);
    } finally {
      acknowledged.accept(batch.stream().map(Completion::entryId).toList());
    }
  }

  private void send(List<Completion> batch, List<String> keys, String[] args) {
    for (int attempt = 1; ; attempt++) {
      try {
        if (keys.size() == 1) {
          BusRedis.await(
              redis
                  .shared()
                  .async()
                  .xack(stream, group, java.util.Arrays.copyOfRange(args, 2, args.length)),
              timeoutMillis,
              "XACK");
        } else {
          BusRedis.await(
              BusScripts.COMPLETE.run(
                  redis.shared().async(),
                  ScriptOutputType.INTEGER,
                  keys.toArray(String[]::new),
                  args),
              timeoutMillis,
              "Acknowledging");
        }
        return;
      } catch (RuntimeException e) {
        if (attempt >= 3) {
          // The entries stay pending and are delivered again; the handlers are idempotent.
          log.warn(
              "Could not acknowledge {} entries of {} for {}: {}",
              batch.size(),
              stream,
              group,
              BusRedis.rootMessage(e));
          return;
        }
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
