package io.budai.platform.bus;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.DomainEvent;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.EventEnvelope;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes a Redis state change and the events that announce it atomically, in one Lua script — never
 * "update, then publish and hope".
 *
 * <p>The caller's Lua body sees {@code KEYS} and {@code ARGV} exactly as given, and must {@code
 * return 1} when it applied the change or {@code 0} when it rejected it (a failed compare-and-set
 * on a version, say). Only after a 1 does the script append the events to {@code budai:events}, in
 * order, with the same fields and trimming as {@link EventPublisher}.
 *
 * <pre>{@code
 * long applied = writer.write("""
 *     if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return 0 end
 *     redis.call('HSET', KEYS[1], 'status', ARGV[2], 'version', ARGV[3])
 *     return 1""",
 *     List.of(RedisKeys.workflow(id)), List.of("4", "running", "5"),
 *     List.of(new WorkflowStateChanged(id, "meeting", meetingId, "pending", "running", ...)));
 * }</pre>
 */
public class StateChangeWriter {

  private static final String WRAPPER =
      """
      local function body(KEYS, ARGV)
      %s
      end
      local nk = tonumber(ARGV[#ARGV - 2])
      local na = tonumber(ARGV[#ARGV - 1])
      local ne = tonumber(ARGV[#ARGV])
      local keys, args = {}, {}
      for i = 1, nk do keys[i] = KEYS[i] end
      for i = 1, na do args[i] = ARGV[i] end
      local result = body(keys, args)
      if result == 1 then
        local stream = KEYS[nk + 1]
        local maxlen = ARGV[na + 1]
        for e = 0, ne - 1 do
          local base = na + 2 + e * 4
          local key = ARGV[base + 2]
          if key == '' then
            redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*',
              'type', ARGV[base], 'id', ARGV[base + 1], 'event', ARGV[base + 3])
          else
            redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*',
              'type', ARGV[base], 'id', ARGV[base + 1], 'key', key, 'event', ARGV[base + 3])
          end
        end
      end
      return result
      """;

  private final BusRedis redis;
  private final EventPublisher publisher;
  private final EventCodec codec;
  private final BusMetrics metrics;
  private final long maxLength;
  private final long timeoutMillis;
  private final Map<String, LuaScript> scripts = new ConcurrentHashMap<>();

  StateChangeWriter(
      BusRedis redis,
      EventPublisher publisher,
      EventCodec codec,
      BusMetrics metrics,
      BusProperties properties) {
    this.redis = redis;
    this.publisher = publisher;
    this.codec = codec;
    this.metrics = metrics;
    this.maxLength = properties.streamMaxLength();
    this.timeoutMillis = properties.publishTimeout().toMillis();
  }

  /**
   * Runs {@code luaBody} with {@code keys}/{@code args} and, when it returns 1, appends {@code
   * events} in the same script.
   *
   * @return what the body returned (1 applied, 0 rejected)
   */
  public long write(
      String luaBody, List<String> keys, List<String> args, List<? extends DomainEvent> events) {
    return write(luaBody, keys, args, events, null);
  }

  /** As {@link #write(String, List, List, List)}, publishing the events on behalf of a user. */
  public long write(
      String luaBody,
      List<String> keys,
      List<String> args,
      List<? extends DomainEvent> events,
      @Nullable String userId) {
    List<EventEnvelope<?>> envelopes = new ArrayList<>(events.size());
    for (DomainEvent event : events) {
      envelopes.add(publisher.envelope(event, userId));
    }
    String[] allKeys = new String[keys.size() + 1];
    for (int i = 0; i < keys.size(); i++) {
      allKeys[i] = keys.get(i);
    }
    allKeys[keys.size()] = BudaiStreams.EVENTS;
    List<String> allArgs = new ArrayList<>(args.size() + 4 + envelopes.size() * 4);
    allArgs.addAll(args);
    allArgs.add(Long.toString(maxLength));
    for (EventEnvelope<?> envelope : envelopes) {
      String key = envelope.orderingKey();
      allArgs.add(envelope.type());
      allArgs.add(envelope.id());
      allArgs.add(key == null ? "" : key);
      allArgs.add(codec.encode(envelope));
    }
    allArgs.add(Integer.toString(keys.size()));
    allArgs.add(Integer.toString(args.size()));
    allArgs.add(Integer.toString(envelopes.size()));
    String[] argv = allArgs.toArray(String[]::new);
    LuaScript script =
        scripts.computeIfAbsent(luaBody, body -> LuaScript.of(WRAPPER.formatted(body)));
    CompletableFuture<Object> result =
        script.run(redis.shared().async(), ScriptOutputType.INTEGER, allKeys, argv);
    Object value = BusRedis.await(result, timeoutMillis, "State change script");
    long applied = value instanceof Number number ? number.longValue() : 0;
    if (applied == 1) {
      for (EventEnvelope<?> envelope : envelopes) {
        metrics.published(BudaiStreams.EVENTS, envelope.type());
      }
    }
    return applied;
  }
}
