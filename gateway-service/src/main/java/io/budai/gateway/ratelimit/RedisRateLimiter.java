package io.budai.gateway.ratelimit;

import io.budai.contracts.RedisKeys;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * A generic cell rate algorithm (GCRA) limiter in Redis: one key per subject and class ({@code
 * budai:ratelimit:<class>:<subject>}) holding the "theoretical arrival time", updated by one Lua
 * script that reads Redis' own clock — so every gateway replica shares the same limit and no
 * replica's clock matters. {@code requests} per {@code period} with a burst of {@code requests}.
 */
class RedisRateLimiter {

  /**
   * KEYS[1] = the limiter key; ARGV[1] = period (ms), ARGV[2] = requests per period. Returns
   * {allowed (0|1), remaining, retry-after ms, ms until the limit is fully restored}.
   */
  private static final RedisScript<List> GCRA =
      RedisScript.of(
          """
          local period = tonumber(ARGV[1])
          local limit = tonumber(ARGV[2])
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          local interval = period / limit
          local tat = tonumber(redis.call('GET', KEYS[1]) or now)
          if tat < now then tat = now end
          local new_tat = tat + interval
          local allow_at = new_tat - period
          if now < allow_at then
            return {0, 0, math.ceil(allow_at - now), math.ceil(tat - now)}
          end
          redis.call('SET', KEYS[1], tostring(new_tat), 'PX', math.max(1, math.ceil(new_tat - now)))
          return {1, math.floor((period - (new_tat - now)) / interval), 0, math.ceil(new_tat - now)}
          """,
          List.class);

  private final ReactiveStringRedisTemplate redis;

  RedisRateLimiter(ReactiveStringRedisTemplate redis) {
    this.redis = redis;
  }

  /** The decision for one request. */
  record Decision(boolean allowed, long remaining, Duration retryAfter, Duration reset) {}

  Mono<Decision> acquire(String rateClass, String subject, int requests, Duration period) {
    return redis
        .execute(
            GCRA,
            List.of(RedisKeys.rateLimit(rateClass + ":" + subject)),
            List.of(String.valueOf(period.toMillis()), String.valueOf(requests)))
        .next()
        .map(
            reply ->
                new Decision(
                    number(reply, 0) == 1,
                    number(reply, 1),
                    Duration.ofMillis(number(reply, 2)),
                    Duration.ofMillis(number(reply, 3))));
  }

  private static long number(List<?> reply, int index) {
    return ((Number) reply.get(index)).longValue();
  }
}
