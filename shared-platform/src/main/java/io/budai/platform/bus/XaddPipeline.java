package io.budai.platform.bus;

import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code XADD}s in pipelined batches: publishers queue their entries, one sender thread
 * writes whatever is queued to a connection of its own and flushes once. When publishing is rare a
 * batch is one entry and the latency is one round trip; under load hundreds of entries share one
 * socket write, which is what lets many request threads publish at close to raw pipelined speed
 * (one flush per command costs a cross-thread hand-off and a system call each).
 */
final class XaddPipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(XaddPipeline.class);
  private static final int MAX_BATCH = 1_000;

  private record Pending(
      String stream, XAddArgs args, Object[] fields, CompletableFuture<String> result) {}

  private final BusRedis redis;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread sender;
  private volatile boolean closed;
  private @Nullable StatefulRedisConnection<String, String> connection;

  XaddPipeline(BusRedis redis) {
    this.redis = redis;
    this.sender = Thread.ofPlatform().name("bus-publisher").daemon(true).unstarted(this::run);
    this.sender.start();
  }

  /** Queues one {@code XADD}; the future completes with the entry id. */
  CompletableFuture<String> xadd(String stream, XAddArgs args, Object[] fields) {
    CompletableFuture<String> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new EventBusException("The event bus is shut down"));
      return result;
    }
    queue.add(new Pending(stream, args, fields, result));
    return result;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        send(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(batch, new EventBusException("The event bus publisher was interrupted"));
        return;
      } catch (RuntimeException e) {
        fail(batch, e);
      } finally {
        batch.clear();
      }
    }
  }

  private void send(List<Pending> batch) {
    StatefulRedisConnection<String, String> conn = connection();
    RedisAsyncCommands<String, String> commands = conn.async();
    for (Pending pending : batch) {
      commands
          .xadd(pending.stream(), pending.args(), pending.fields())
          .whenComplete(
              (id, error) -> {
                if (error != null) {
                  pending.result().completeExceptionally(error);
                } else {
                  pending.result().complete(id);
                }
              });
    }
    conn.flushCommands();
  }

  private StatefulRedisConnection<String, String> connection() {
    StatefulRedisConnection<String, String> conn = connection;
    if (conn == null || !conn.isOpen()) {
      conn = redis.dedicated();
      conn.setAutoFlushCommands(false);
      connection = conn;
    }
    return conn;
  }

  private static void fail(List<Pending> batch, Throwable error) {
    EventBusException failure =
        error instanceof EventBusException bus
            ? bus
            : new EventBusException("Publishing failed: " + BusRedis.rootMessage(error), error);
    for (Pending pending : batch) {
      pending.result().completeExceptionally(failure);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      sender.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Pending> rest = new ArrayList<>();
    queue.drainTo(rest);
    fail(rest, new EventBusException("The event bus is shut down"));
    StatefulRedisConnection<String, String> conn = connection;
    if (conn != null && conn.isOpen()) {
      conn.close();
    }
    log.debug("Event bus publisher closed");
  }
}
