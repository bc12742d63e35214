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
 *
 * <p>One call reserves up to {@code want} requests at once (fewer when fewer are left, none when
 * the limit is reached) and can hand back {@code refund} requests reserved earlier but never used:
 * {@link LeasedRateLimiter} spends such a reservation locally, so a busy key costs one Redis round
 * trip per lease instead of one per request.
 */
class RedisRateLimiter {

  /**
   * KEYS[1] = the limiter key; ARGV[1] = period (ms), ARGV[2] = requests per period, ARGV[3] =
   * requests wanted, ARGV[4] = unused requests handed back. Returns {granted (0..want), remaining
   * after the grant, retry-after ms (when none was granted), ms until the limit is fully restored}.
   */
  private static final RedisScript<List> GCRA =
      RedisScript.of(
          """
          local period = tonumber(ARGV[1])
          local limit = tonumber(ARGV[2])
          local want = tonumber(ARGV[3])
          local refund = tonumber(ARGV[4])
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          local interval = period / limit
          local tat = tonumber(redis.call('GET', KEYS[1]) or now)
          if refund > 0 then tat = tat - refund * interval end
          if tat < now then tat = now end
          local available = math.floor((now + period - tat) / interval + 1e-9)
          if available < 1 then
            if refund > 0 then
              redis.call('SET', KEYS[1], tostring(tat), 'PX', math.max(1, math.ceil(tat - now)))
            end
            return {0, 0, math.ceil(tat + interval - period - now), math.ceil(tat - now)}
          end
          local granted = math.min(want, available)
          local new_tat = tat + granted * interval
          redis.call('SET', KEYS[1], tostring(new_tat), 'PX', math.max(1, math.ceil(new_tat - now)))
          return {granted, math.floor((now + period - new_tat) / interval + 1e-9), 0,
            math.ceil(new_tat - now)}
          """,
          List.class);

  private final ReactiveStringRedisTemplate redis;

  RedisRateLimiter(ReactiveStringRedisTemplate redis) {
    this.redis = redis;
  }

  /**
   * What Redis granted.
   *
   * @param granted requests reserved for the caller (0: the limit is reached)
   * @param remaining requests still available after this grant
   * @param retryAfter when {@code granted} is 0, how long until one request is available again
   * @param reset how long until the limit is fully restored
   */
  record Grant(long granted, long remaining, Duration retryAfter, Duration reset) {}

  Mono<Grant> reserve(
      String rateClass, String subject, int requests, Duration period, long want, long refund) {
    return redis
        .execute(
            GCRA,
            List.of(RedisKeys.rateLimit(rateClass + ":" + subject)),
            List.of(
                String.valueOf(period.toMillis()),
                String.valueOf(requests),
                String.valueOf(Math.max(1, want)),
                String.valueOf(Math.max(0, refund))))
        .next()
        .map(
            reply ->
                new Grant(
                    number(reply, 0),
                    number(reply, 1),
                    Duration.ofMillis(number(reply, 2)),
                    Duration.ofMillis(number(reply, 3))));
  }

  private static long number(List<?> reply, int index) {
    return ((Number) reply.get(index)).longValue();
  }
}
