package io.budai.collector.ingest;

import io.budai.collector.CollectorProperties;
import io.budai.contracts.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis hot store of in-flight segments ({@code budai:meeting:{id}:segments}, hash of {@code
 * segment_id → "{rev}|{updated_ms}|{completed}|{json}"}), the per-session aggregates ({@code
 * budai:session_agg:{uid}}) and the flusher's work list ({@code budai:dirty_sessions}).
 */
@Component
public class HotStore {

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> INGEST =
      RedisScript.of(new ClassPathResource("redis/ingest-segments.lua"), List.class);

  private static final RedisScript<Long> REMOVE_FLUSHED =
      RedisScript.of(new ClassPathResource("redis/remove-flushed.lua"), Long.class);

  private final StringRedisTemplate redis;
  private final JsonMapper json;
  private final String segmentTtl;
  private final String sessionTtl;

  HotStore(StringRedisTemplate redis, JsonMapper json, CollectorProperties properties) {
    this.redis = redis;
    this.json = json;
    this.segmentTtl = String.valueOf(properties.hotStore().segmentTtl().toSeconds());
    this.sessionTtl = String.valueOf(properties.hotStore().sessionTtl().toSeconds());
  }

  /**
   * Writes segments of one message; returns how many changed and whether they were the session's
   * first.
   */
  IngestResult write(
      long meetingId,
      String userId,
      String sessionUid,
      List<HotSegment> segments,
      List<String> bodies,
      String frame) {
    String meeting = String.valueOf(meetingId);
    List<String> keys =
        List.of(
            RedisKeys.meetingSegments(meeting),
            RedisKeys.meetingRevision(meeting),
            RedisKeys.sessionAggregate(sessionUid),
            RedisKeys.DIRTY_SESSIONS);
    List<String> args = new ArrayList<>(7 + segments.size() * 5);
    args.add(sessionUid);
    args.add(segmentTtl);
    args.add(sessionTtl);
    args.add(RedisKeys.liveMeeting(meeting));
    args.add(frame);
    args.add(meeting);
    args.add(userId);
    for (int i = 0; i < segments.size(); i++) {
      HotSegment segment = segments.get(i);
      args.add(segment.segmentId());
      args.add(segment.completed() ? "1" : "0");
      args.add(segment.text().isEmpty() ? "1" : "0");
      args.add(Double.toString(segment.end()));
      args.add(bodies.get(i));
    }
    List<?> result = redis.execute(INGEST, keys, args.toArray());
    return new IngestResult(
        ((Number) result.get(0)).intValue(), ((Number) result.get(1)).longValue() == 1);
  }

  /** The stored JSON of a segment (also what the live feed shows of it). */
  String body(HotSegment segment) {
    return json.writeValueAsString(
        new HotSegment.Body(
            segment.segmentId(),
            segment.sessionUid(),
            segment.start(),
            segment.end(),
            segment.text(),
            segment.speaker(),
            segment.language(),
            segment.completed()));
  }

  /** The meeting's in-flight segments, in no particular order. */
  public List<HotSegment> read(long meetingId) {
    Map<Object, Object> entries =
        redis.opsForHash().entries(RedisKeys.meetingSegments(String.valueOf(meetingId)));
    List<HotSegment> segments = new ArrayList<>(entries.size());
    entries.forEach((field, value) -> segments.add(parse((String) value)));
    return segments;
  }

  /** The in-flight segments of several meetings in one round trip. */
  Map<Long, List<HotSegment>> readMany(List<Long> meetingIds) {
    List<Object> replies =
        redis.executePipelined(
            (RedisCallback<Object>)
                connection -> {
                  for (Long id : meetingIds) {
                    connection
                        .hashCommands()
                        .hGetAll(bytes(RedisKeys.meetingSegments(String.valueOf(id))));
                  }
                  return null;
                });
    Map<Long, List<HotSegment>> result = new LinkedHashMap<>();
    for (int i = 0; i < meetingIds.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<Object, Object> entries = (Map<Object, Object>) replies.get(i);
      List<HotSegment> segments = new ArrayList<>(entries == null ? 0 : entries.size());
      if (entries != null) {
        entries.values().forEach(value -> segments.add(parse(String.valueOf(value))));
      }
      result.put(meetingIds.get(i), segments);
    }
    return result;
  }

  /** Session uids with segments not yet flushed. */
  Set<String> dirtySessions() {
    Set<String> members = redis.opsForSet().members(RedisKeys.DIRTY_SESSIONS);
    return members == null ? Set.of() : members;
  }

  /** The meeting id of each session (absent when the session's aggregates expired). */
  Map<String, Long> meetingsOf(Collection<String> sessionUids) {
    List<String> uids = List.copyOf(sessionUids);
    List<Object> replies =
        redis.executePipelined(
            (RedisCallback<Object>)
                connection -> {
                  for (String uid : uids) {
                    connection
                        .hashCommands()
                        .hGet(bytes(RedisKeys.sessionAggregate(uid)), bytes("meeting_id"));
                  }
                  return null;
                });
    Map<String, Long> result = new HashMap<>();
    for (int i = 0; i < uids.size(); i++) {
      Object value = replies.get(i);
      if (value != null) {
        result.put(uids.get(i), Long.parseLong(value.toString()));
      }
    }
    return result;
  }

  /** Forgets sessions that can never be flushed (their aggregates expired). */
  void forgetDirty(Collection<String> sessionUids) {
    if (!sessionUids.isEmpty()) {
      redis.opsForSet().remove(RedisKeys.DIRTY_SESSIONS, sessionUids.toArray());
    }
  }

  /**
   * Deletes flushed segments that did not change since they were read, for many meetings in one
   * script; a meeting's sessions leave the dirty set if nothing of it is left. Returns the number
   * of meetings with segments left.
   */
  long removeFlushed(Map<Long, List<HotSegment>> flushed, Map<Long, List<String>> sessionUids) {
    if (flushed.isEmpty()) {
      return 0;
    }
    List<String> keys = new ArrayList<>(flushed.size() + 1);
    keys.add(RedisKeys.DIRTY_SESSIONS);
    List<String> args = new ArrayList<>();
    flushed.forEach(
        (meetingId, segments) -> {
          keys.add(RedisKeys.meetingSegments(String.valueOf(meetingId)));
          args.add(String.valueOf(segments.size()));
          for (HotSegment segment : segments) {
            args.add(segment.segmentId());
            args.add(Long.toString(segment.revision()));
          }
          List<String> uids = sessionUids.getOrDefault(meetingId, List.of());
          args.add(String.valueOf(uids.size()));
          args.addAll(uids);
        });
    Long left = redis.execute(REMOVE_FLUSHED, keys, args.toArray());
    return left == null ? 0 : left;
  }

  /** Records a session's start in its aggregates. */
  void startSession(String sessionUid, long meetingId, String userId, long startedAtMs) {
    String key = RedisKeys.sessionAggregate(sessionUid);
    redis
        .opsForHash()
        .putAll(
            key,
            Map.of(
                "meeting_id", String.valueOf(meetingId),
                "user_id", userId,
                "started_at", String.valueOf(startedAtMs)));
    redis.expire(key, java.time.Duration.ofSeconds(Long.parseLong(sessionTtl)));
  }

  /** A session's aggregates (empty when unknown). */
  Map<String, String> sessionAggregate(String sessionUid) {
    Map<Object, Object> entries =
        redis.opsForHash().entries(RedisKeys.sessionAggregate(sessionUid));
    Map<String, String> result = new HashMap<>();
    entries.forEach((k, v) -> result.put(k.toString(), v.toString()));
    return result;
  }

  /** Drops everything the hot store holds for a deleted meeting. */
  void deleteMeeting(long meetingId) {
    String meeting = String.valueOf(meetingId);
    redis.delete(List.of(RedisKeys.meetingSegments(meeting), RedisKeys.meetingRevision(meeting)));
  }

  HotSegment parse(String value) {
    int a = value.indexOf('|');
    int b = value.indexOf('|', a + 1);
    int c = value.indexOf('|', b + 1);
    long revision = Long.parseLong(value, 0, a, 10);
    long updated = Long.parseLong(value, a + 1, b, 10);
    boolean completed = value.charAt(b + 1) == '1';
    HotSegment.Body body = json.readValue(value.substring(c + 1), HotSegment.Body.class);
    return new HotSegment(
        body.segmentId(),
        body.sessionUid(),
        body.start(),
        body.end(),
        body.text(),
        body.speaker(),
        body.language(),
        completed,
        revision,
        updated);
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * What one write did.
   *
   * @param written segments that changed
   * @param firstOfSession whether these were the session's first segments
   */
  record IngestResult(int written, boolean firstOfSession) {}

  static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
