package io.budai.platform.bus;

/**
 * The consumer side's Lua scripts. Each runs atomically in Redis, so a delivery is claimed,
 * completed or dead-lettered exactly once even with several consumers racing.
 *
 * <p>The processed marker {@code budai:processed:{group}:{event id}} holds {@code p:{consumer}}
 * (with a time limit) while a consumer handles the event, and {@code 1} once it was handled (kept
 * for {@code budai.bus.processed-ttl}).
 */
final class BusScripts {

  /**
   * KEYS: markers; ARGV: lease value, lease ms. Returns per key 1 = handle it (lease taken), 0 =
   * already processed, 2 = another consumer is handling it.
   */
  static final LuaScript ACQUIRE =
      LuaScript.of(
          """
          local out = {}
          for i, key in ipairs(KEYS) do
            if redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2]) then
              out[i] = 1
            else
              local value = redis.call('GET', key)
              if value == '1' then
                out[i] = 0
              elseif value == ARGV[1] then
                redis.call('PEXPIRE', key, ARGV[2])
                out[i] = 1
              else
                out[i] = 2
              end
            end
          end
          return out
          """);

  /**
   * KEYS: stream, then markers to set; ARGV: group, marker ttl seconds, entry ids to acknowledge.
   */
  static final LuaScript COMPLETE =
      LuaScript.of(
          """
          for i = 2, #KEYS do
            redis.call('SET', KEYS[i], '1', 'EX', ARGV[2])
          end
          if #ARGV > 2 then
            return redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 3))
          end
          return 0
          """);

  /** KEYS: markers; ARGV: lease value. Drops the leases this consumer still holds. */
  static final LuaScript RELEASE =
      LuaScript.of(
          """
          local n = 0
          for _, key in ipairs(KEYS) do
            if redis.call('GET', key) == ARGV[1] then
              redis.call('DEL', key)
              n = n + 1
            end
          end
          return n
          """);

  /** KEYS: markers; ARGV: lease value, lease ms. Extends the leases this consumer holds. */
  static final LuaScript REFRESH =
      LuaScript.of(
          """
          local n = 0
          for _, key in ipairs(KEYS) do
            if redis.call('GET', key) == ARGV[1] then
              redis.call('PEXPIRE', key, ARGV[2])
              n = n + 1
            end
          end
          return n
          """);

  /**
   * Moves one entry to the dead-letter stream. KEYS: dlq, stream, marker (or the dlq again when
   * there is none); ARGV: group, entry id, dlq max length, lease value, then field/value pairs.
   * Returns 0 when the entry was no longer pending for the group (someone else moved it).
   */
  static final LuaScript DEAD_LETTER =
      LuaScript.of(
          """
          local acked = redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
          if acked == 0 then
            return 0
          end
          redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', unpack(ARGV, 5))
          if KEYS[3] ~= KEYS[1] and redis.call('GET', KEYS[3]) == ARGV[4] then
            redis.call('DEL', KEYS[3])
          end
          return 1
          """);

  /**
   * Puts a dead letter back on its stream for one group and removes it from the dead-letter stream.
   * KEYS: dlq, target stream; ARGV: dlq entry id, stream max length, then field/value pairs.
   */
  static final LuaScript REPLAY =
      LuaScript.of(
          """
          if redis.call('XDEL', KEYS[1], ARGV[1]) == 0 then
            return false
          end
          return redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', unpack(ARGV, 3))
          """);

  private BusScripts() {}
}
