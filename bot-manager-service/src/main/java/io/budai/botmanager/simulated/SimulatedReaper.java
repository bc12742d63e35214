package io.budai.botmanager.simulated;

import io.budai.botmanager.BotManagerProperties;
import io.budai.botmanager.bots.BotStore;
import io.budai.contracts.RedisKeys;
import io.budai.contracts.events.BotStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds simulated bots whose replica died without a word (killed, not stopped: a graceful stop
 * fails its bots itself). A running simulated bot writes {@code heartbeat_at} into its hash every
 * few seconds; any replica that sees one silent for {@code bots.simulated.orphan-after} declares it
 * {@code failed} ({@code runtime_lost}), which fails its meeting instead of leaving it "active"
 * forever. The status script makes this safe when several replicas reap at once.
 */
@Component
class SimulatedReaper implements SmartLifecycle {

  /** Hash field of a simulated bot's last heartbeat (epoch ms). */
  static final String HEARTBEAT = "heartbeat_at";

  private static final Logger log = LoggerFactory.getLogger(SimulatedReaper.class);

  private final StringRedisTemplate redis;
  private final BotStore store;
  private final Clock clock;
  private final long orphanAfterMillis;
  private volatile ScheduledExecutorService executor;

  SimulatedReaper(
      StringRedisTemplate redis, BotStore store, Clock clock, BotManagerProperties properties) {
    this.redis = redis;
    this.store = store;
    this.clock = clock;
    this.orphanAfterMillis = properties.simulated().orphanAfter().toMillis();
  }

  /** One pass over the bots; the number declared failed. */
  int reap() {
    int reaped = 0;
    String prefix = RedisKeys.bot("");
    String external = RedisKeys.bot("external:");
    ScanOptions options = ScanOptions.scanOptions().match(RedisKeys.bot("*")).count(500).build();
    try (Cursor<String> keys = redis.scan(options)) {
      while (keys.hasNext()) {
        String key = keys.next();
        if (key.startsWith(external)) {
          continue;
        }
        List<Object> fields =
            redis.opsForHash().multiGet(key, List.of("runtime", "status", HEARTBEAT, "created_at"));
        if (!SimulatedRuntime.NAME.equals(fields.get(0)) || isOver(fields.get(1))) {
          continue;
        }
        long lastSign = lastSign(fields.get(2), fields.get(3));
        if (clock.millis() - lastSign < orphanAfterMillis) {
          continue;
        }
        String botId = key.substring(prefix.length());
        var bot = store.find(botId);
        if (bot.isPresent()
            && store.transition(
                bot.get(), BotStatus.FAILED, "runtime_lost: the replica running the bot stopped")) {
          log.warn("Simulated bot {} lost its replica; its meeting is failed", botId);
          reaped++;
        }
      }
    }
    return reaped;
  }

  private static boolean isOver(Object status) {
    return status == null || "ended".equals(status) || "failed".equals(status);
  }

  private static long lastSign(Object heartbeat, Object createdAt) {
    if (heartbeat != null) {
      return Long.parseLong(heartbeat.toString());
    }
    return createdAt == null ? 0 : Instant.parse(createdAt.toString()).toEpochMilli();
  }

  @Override
  public void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("simulated-reaper").daemon().factory());
    long every = Math.max(1_000, orphanAfterMillis / 2);
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            reap();
          } catch (RuntimeException e) {
            log.warn("Orphan reaper pass failed", e);
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ScheduledExecutorService running = executor;
    if (running != null) {
      running.shutdownNow();
      executor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
