package io.budai.slack.posting;

import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import io.budai.contracts.RedisKeys;
import io.budai.slack.api.SlackApi;
import io.budai.slack.api.SlackCallException;
import io.budai.slack.blocks.MessagePart;
import io.budai.slack.config.SlackProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drains the per-channel post queues into {@code chat.postMessage}. A channel is drained by one
 * replica at a time (a lease in {@code budai:slack:queue-lock:{channel}}), head first, so messages
 * reach a channel in the order they were accepted. A 429 pauses only that channel for Slack's
 * {@code Retry-After} ({@code budai:slack:queue-pause:{channel}}) and the same message is retried
 * then; other channels carry on. Slack refusing a message ({@code "ok": false}) fails it without
 * blocking the ones behind it; an unreachable Slack is retried with jittered back-off up to {@code
 * post-max-attempts}. Progress is recorded per part, so a retried multi-part message never repeats
 * the parts already posted.
 */
@Component
class PostDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PostDispatcher.class);

  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final Duration SCAN_INTERVAL = Duration.ofMillis(500);

  private static final RedisScript<Long> POP_HEAD =
      RedisScript.of(
          """
          if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then redis.call('LPOP', KEYS[1]) end
          local left = redis.call('LLEN', KEYS[1])
          if left == 0 then redis.call('SREM', KEYS[2], ARGV[2]) end
          return left
          """,
          Long.class);

  private static final RedisScript<Long> RELEASE =
      RedisScript.of(
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
          return 0
          """,
          Long.class);

  private static final RedisScript<Long> EXTEND =
      RedisScript.of(
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])
          end
          return 0
          """,
          Long.class);

  private final StringRedisTemplate redis;
  private final SlackApi slack;
  private final SlackProperties properties;
  private final JsonMapper json;
  private final Clock clock;
  private final MeterRegistry meters;
  private final String owner;
  private final LinkedBlockingQueue<String> wakeups = new LinkedBlockingQueue<>();
  private final Set<String> draining = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, CompletableFuture<Void>> waiters =
      new ConcurrentHashMap<>();
  private volatile boolean running;
  private Thread loop;
  private ExecutorService drains;

  PostDispatcher(
      StringRedisTemplate redis,
      SlackApi slack,
      SlackProperties properties,
      JsonMapper json,
      Clock clock,
      MeterRegistry meters) {
    this.redis = redis;
    this.slack = slack;
    this.properties = properties;
    this.json = json;
    this.clock = clock;
    this.meters = meters;
    this.owner = hostName() + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
  }

  /**
   * Blocks until the message with {@code idempotencyKey} is sent or failed by this replica, or
   * {@code wait} has passed (another replica may be the one posting it).
   */
  void awaitSettled(String idempotencyKey, Duration wait) {
    CompletableFuture<Void> settled =
        waiters.computeIfAbsent(idempotencyKey, k -> new CompletableFuture<>());
    try {
      if (isSettled(idempotencyKey)) {
        return;
      }
      settled.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // still queued: it carries on in the background
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      waiters.remove(idempotencyKey, settled);
    }
  }

  private boolean isSettled(String idempotencyKey) {
    Object status = redis.opsForHash().get(RedisKeys.Slack.message(idempotencyKey), "status");
    return status != null && !MessageStatus.QUEUED.equals(status.toString());
  }

  private void settled(String idempotencyKey) {
    CompletableFuture<Void> waiter = waiters.get(idempotencyKey);
    if (waiter != null) {
      waiter.complete(null);
    }
  }

  /** A message was queued for {@code channel}: drain it now rather than at the next scan. */
  void wake(String channel) {
    wakeups.offer(channel);
  }

  @Override
  public synchronized void start() {
    if (running || !slack.configured()) {
      return;
    }
    running = true;
    drains =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("slack-post-", 0).factory());
    loop = Thread.ofVirtual().name("slack-post-dispatcher").start(this::run);
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    loop.interrupt();
    drains.shutdown();
    try {
      if (!drains.awaitTermination(15, TimeUnit.SECONDS)) {
        drains.shutdownNow();
      }
      loop.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    long lastScan = 0;
    while (running) {
      try {
        Set<String> channels = new HashSet<>();
        String hint = wakeups.poll(SCAN_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        if (hint != null) {
          channels.add(hint);
          wakeups.drainTo(channels);
        }
        if (clock.millis() - lastScan >= SCAN_INTERVAL.toMillis()) {
          Set<String> queued = redis.opsForSet().members(RedisKeys.Slack.QUEUES);
          if (queued != null) {
            channels.addAll(queued);
          }
          lastScan = clock.millis();
        }
        channels.forEach(this::drainIfFree);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("Post dispatcher scan failed; retrying: {}", e.toString());
      }
    }
  }

  private void drainIfFree(String channel) {
    if (!running || draining.contains(channel)) {
      return;
    }
    if (Boolean.TRUE.equals(redis.hasKey(RedisKeys.Slack.queuePause(channel)))) {
      return;
    }
    // SET budai:slack:queue-lock:{channel} owner NX PX 60000
    Boolean leased =
        redis.opsForValue().setIfAbsent(RedisKeys.Slack.queueLock(channel), owner, LEASE);
    if (!Boolean.TRUE.equals(leased)) {
      return;
    }
    draining.add(channel);
    try {
      drains.execute(
          () -> {
            try {
              drain(channel);
            } catch (RuntimeException e) {
              log.warn("Draining channel {} failed; it is retried: {}", channel, e.toString());
            } finally {
              redis.execute(RELEASE, List.of(RedisKeys.Slack.queueLock(channel)), owner);
              draining.remove(channel);
            }
          });
    } catch (RuntimeException rejected) {
      redis.execute(RELEASE, List.of(RedisKeys.Slack.queueLock(channel)), owner);
      draining.remove(channel);
    }
  }

  /** Posts the channel's queued messages, head first, until the queue is empty or must wait. */
  private void drain(String channel) {
    String queue = RedisKeys.Slack.queue(channel);
    while (running) {
      String key = redis.opsForList().index(queue, 0);
      if (key == null) {
        popHead(channel, "");
        return;
      }
      String messageKey = RedisKeys.Slack.message(key);
      Map<Object, Object> hash = redis.opsForHash().entries(messageKey);
      String status = MessagePoster.string(hash, "status");
      if (hash.isEmpty() || !MessageStatus.QUEUED.equals(status)) {
        popHead(channel, key);
        continue;
      }
      if (!send(channel, key, messageKey, hash)) {
        return;
      }
      popHead(channel, key);
      settled(key);
    }
  }

  /**
   * Posts the parts not yet posted. Returns true when the message is done (sent or failed for
   * good), false when the channel has to wait.
   */
  private boolean send(String channel, String key, String messageKey, Map<Object, Object> hash) {
    List<MessagePart> parts = MessagePoster.parts(json, MessagePoster.string(hash, "parts"));
    String threadTs = MessagePoster.blankToNull(MessagePoster.string(hash, "thread_ts"));
    int sent = MessagePoster.integer(hash, "sent_parts");
    String ts = MessagePoster.string(hash, "ts");
    while (sent < parts.size()) {
      redis.execute(
          EXTEND,
          List.of(RedisKeys.Slack.queueLock(channel)),
          owner,
          Long.toString(LEASE.toMillis()));
      MessagePart part = parts.get(sent);
      try {
        ChatPostMessageResponse response =
            slack.call(
                "chat.postMessage",
                client ->
                    client.chatPostMessage(
                        r -> {
                          r.channel(channel).text(part.text()).threadTs(threadTs);
                          if (part.blocks() != null) {
                            r.blocksAsString(part.blocks());
                          }
                          return r;
                        }));
        sent++;
        ts = ts.isEmpty() ? response.getTs() : ts + "," + response.getTs();
        redis
            .opsForHash()
            .putAll(
                messageKey,
                Map.of(
                    "sent_parts",
                    Integer.toString(sent),
                    "ts",
                    ts,
                    "updated_at",
                    Long.toString(clock.millis())));
      } catch (SlackCallException e) {
        return handleFailure(channel, key, messageKey, e);
      }
    }
    redis
        .opsForHash()
        .putAll(
            messageKey,
            Map.of(
                "status",
                MessageStatus.SENT,
                "error",
                "",
                "updated_at",
                Long.toString(clock.millis())));
    meters.counter("budai.slack.posts", "outcome", "sent").increment();
    return true;
  }

  private boolean handleFailure(
      String channel, String key, String messageKey, SlackCallException e) {
    long attempts = redis.opsForHash().increment(messageKey, "attempts", 1);
    switch (e.kind()) {
      case RATE_LIMITED -> {
        Duration wait = e.retryAfter() == null ? Duration.ofSeconds(1) : e.retryAfter();
        pause(channel, wait);
        note(messageKey, "ratelimited");
        meters.counter("budai.slack.posts", "outcome", "rate_limited").increment();
        log.info("Slack rate-limited channel {}; waiting {} before posting {}", channel, wait, key);
        return false;
      }
      case REJECTED -> {
        fail(messageKey, e.error());
        log.warn("Slack refused message {} for {}: {}", key, channel, e.error());
        return true;
      }
      default -> {
        if (attempts >= properties.postMaxAttempts()) {
          fail(messageKey, e.error());
          log.warn("Giving up on message {} for {} after {} attempts", key, channel, attempts);
          return true;
        }
        note(messageKey, e.error());
        pause(channel, backoff(attempts));
        meters.counter("budai.slack.posts", "outcome", "retried").increment();
        return false;
      }
    }
  }

  private void fail(String messageKey, String error) {
    redis
        .opsForHash()
        .putAll(
            messageKey,
            Map.of(
                "status",
                MessageStatus.FAILED,
                "error",
                error,
                "updated_at",
                Long.toString(clock.millis())));
    meters.counter("budai.slack.posts", "outcome", "failed").increment();
  }

  private void note(String messageKey, String error) {
    redis
        .opsForHash()
        .putAll(messageKey, Map.of("error", error, "updated_at", Long.toString(clock.millis())));
  }

  private void pause(String channel, Duration wait) {
    // SET budai:slack:queue-pause:{channel} 1 PX wait
    redis.opsForValue().set(RedisKeys.Slack.queuePause(channel), "1", wait);
  }

  private void popHead(String channel, String key) {
    redis.execute(
        POP_HEAD, List.of(RedisKeys.Slack.queue(channel), RedisKeys.Slack.QUEUES), key, channel);
  }

  /** Exponential back-off with jitter: about 0.5 s, 1 s, 2 s … capped at 60 s. */
  static Duration backoff(long attempt) {
    long cap = Math.min(60_000, 500L << Math.min(attempt - 1, 10));
    return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }
}
