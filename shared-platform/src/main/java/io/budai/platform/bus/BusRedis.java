package io.budai.platform.bus;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The bus's own Lettuce connections, opened on the client Spring Boot configured (URL, TLS,
 * timeouts): one shared, multiplexed connection for publishing, acknowledging and scripts (Lettuce
 * pipelines what several threads send on it), and one dedicated connection per consumer loop for
 * its blocking {@code XREADGROUP}.
 *
 * <p>Connections open lazily: a service that starts while Redis is down starts anyway, and the bus
 * keeps trying.
 */
final class BusRedis implements AutoCloseable {

  private final Supplier<AbstractRedisClient> client;
  private volatile @Nullable StatefulRedisConnection<String, String> shared;
  private volatile boolean closed;

  BusRedis(Supplier<AbstractRedisClient> client) {
    this.client = client;
  }

  /** The shared connection, opened on first use. */
  StatefulRedisConnection<String, String> shared() {
    StatefulRedisConnection<String, String> connection = shared;
    if (connection != null) {
      return connection;
    }
    synchronized (this) {
      if (shared == null) {
        shared = connect();
      }
      return shared;
    }
  }

  /** A new connection of its own (the caller closes it). */
  StatefulRedisConnection<String, String> dedicated() {
    return connect();
  }

  private StatefulRedisConnection<String, String> connect() {
    if (closed) {
      throw new EventBusException("The event bus is shut down");
    }
    AbstractRedisClient native_ = client.get();
    if (!(native_ instanceof RedisClient redis)) {
      throw new EventBusException(
          "The event bus needs a standalone Redis (RedisClient), not "
              + native_.getClass().getSimpleName());
    }
    try {
      return redis.connect();
    } catch (RedisException e) {
      throw new EventBusException("Cannot connect to Redis: " + rootMessage(e), e);
    }
  }

  /** Waits for a Redis reply with a time limit, turning failures into {@link EventBusException}. */
  static <T> T await(CompletionStage<T> future, long timeoutMillis, String what) {
    try {
      return future.toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventBusException(what + " was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String reason = cause instanceof EventBusException ? cause.getMessage() : rootMessage(cause);
      throw new EventBusException(what + " failed: " + reason, cause);
    } catch (TimeoutException e) {
      throw new EventBusException(what + " timed out after " + timeoutMillis + " ms", e);
    }
  }

  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  @Override
  public void close() {
    closed = true;
    StatefulRedisConnection<String, String> connection = shared;
    if (connection != null && connection.isOpen()) {
      connection.close();
    }
  }
}
