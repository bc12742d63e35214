package io.budai.voice.calls;

import io.budai.contracts.RedisKeys;
import io.budai.contracts.events.DomainEvent;
import io.budai.platform.bus.StateChangeWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Calls in Redis. Every change that other services must hear about is written together with its
 * events in one script ({@link StateChangeWriter}), so a call never starts, goes live or ends
 * without its event, nor twice:
 *
 * <ul>
 *   <li>{@code budai:voice:call:{id}} — hash of the call ({@link Call#fields()}), kept a day after
 *       it ended;
 *   <li>{@code budai:voice:call:{id}:streams} — sorted set of the call's open streams by last
 *       heartbeat (epoch ms);
 *   <li>{@code budai:voice:call-by-meeting:{meeting}} — the call recording a meeting;
 *   <li>{@code budai:voice:calls} — set of the calls not ended yet (what the sweep looks at).
 * </ul>
 */
@Component
class CallStore {

  private static final Duration KEEP = Duration.ofDays(1);

  private static final String CREATE =
      """
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
      redis.call('SADD', KEYS[2], ARGV[1])
      redis.call('SET', KEYS[3], ARGV[1], 'EX', ARGV[2])
      return 1""";

  private static final String JOINED =
      """
      if redis.call('HGET', KEYS[1], 'status') ~= 'active' then return 0 end
      return redis.call('HSETNX', KEYS[1], 'joined_at', ARGV[1])""";

  private static final String END =
      """
      if redis.call('HGET', KEYS[1], 'status') ~= 'active' then return 0 end
      redis.call('HSET', KEYS[1], 'status', 'ended', 'ended_at', ARGV[2], 'end_reason', ARGV[3])
      redis.call('EXPIRE', KEYS[1], ARGV[4])
      redis.call('DEL', KEYS[4])
      redis.call('SREM', KEYS[2], ARGV[1])
      redis.call('DEL', KEYS[3])
      return 1""";

  private final StringRedisTemplate redis;
  private final StateChangeWriter writer;

  CallStore(StringRedisTemplate redis, StateChangeWriter writer) {
    this.redis = redis;
    this.writer = writer;
  }

  Optional<Call> find(String callId) {
    Map<Object, Object> hash = redis.opsForHash().entries(RedisKeys.voiceCall(callId));
    if (hash.isEmpty() || !hash.containsKey("meeting_id")) {
      return Optional.empty();
    }
    Map<String, String> fields = new java.util.HashMap<>();
    hash.forEach((k, v) -> fields.put((String) k, (String) v));
    return Optional.of(Call.of(fields));
  }

  Optional<String> callOfMeeting(String meetingId) {
    return Optional.ofNullable(redis.opsForValue().get(RedisKeys.voiceCallByMeeting(meetingId)));
  }

  /** Stores a new call and publishes {@code events}; false when the call exists already. */
  boolean create(Call call, List<? extends DomainEvent> events, @Nullable String userId) {
    List<String> args = new ArrayList<>();
    args.add(call.callId());
    args.add(String.valueOf(Duration.ofDays(30).toSeconds()));
    call.fields()
        .forEach(
            (k, v) -> {
              args.add(k);
              args.add(v);
            });
    return writer.write(
            CREATE,
            List.of(
                RedisKeys.voiceCall(call.callId()),
                RedisKeys.VOICE_CALLS,
                RedisKeys.voiceCallByMeeting(call.meetingId())),
            args,
            events,
            userId)
        == 1;
  }

  /** Records the first stream joining; publishes {@code events} only the first time. */
  boolean joined(String callId, Instant at, List<? extends DomainEvent> events) {
    return writer.write(
            JOINED, List.of(RedisKeys.voiceCall(callId)), List.of(at.toString()), events)
        == 1;
  }

  /** Ends an active call and publishes {@code events}; false when it was not active. */
  boolean end(Call call, Instant at, String reason, List<? extends DomainEvent> events) {
    return writer.write(
            END,
            List.of(
                RedisKeys.voiceCall(call.callId()),
                RedisKeys.VOICE_CALLS,
                RedisKeys.voiceCallByMeeting(call.meetingId()),
                RedisKeys.voiceCallStreams(call.callId())),
            List.of(call.callId(), at.toString(), reason, String.valueOf(KEEP.toSeconds())),
            events,
            call.userId())
        == 1;
  }

  /** A stream of the call is alive (joined, or still there). */
  void heartbeat(String callId, String uid, Instant at, boolean activity) {
    redis.opsForZSet().add(RedisKeys.voiceCallStreams(callId), uid, at.toEpochMilli());
    if (activity) {
      redis.opsForHash().put(RedisKeys.voiceCall(callId), "last_activity", at.toString());
    }
  }

  /** A stream of the call left. */
  void left(String callId, String uid, Instant at) {
    redis.opsForZSet().remove(RedisKeys.voiceCallStreams(callId), uid);
    if (redis.hasKey(RedisKeys.voiceCall(callId))) {
      redis.opsForHash().put(RedisKeys.voiceCall(callId), "last_activity", at.toString());
    }
  }

  /** Streams of the call with a heartbeat since {@code since}. */
  long liveStreams(String callId, Instant since) {
    Long count =
        redis
            .opsForZSet()
            .count(
                RedisKeys.voiceCallStreams(callId), since.toEpochMilli(), Double.POSITIVE_INFINITY);
    return count == null ? 0 : count;
  }

  /** Ids of the calls not ended yet. */
  Set<String> openCallIds() {
    Set<String> ids = redis.opsForSet().members(RedisKeys.VOICE_CALLS);
    return ids == null ? Set.of() : ids;
  }

  /** Forgets a call id the index holds but whose hash expired. */
  void forget(String callId) {
    redis.opsForSet().remove(RedisKeys.VOICE_CALLS, callId);
  }
}
