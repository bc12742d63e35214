package io.budai.slack.meeting;

import io.budai.contracts.RedisKeys;
import io.budai.contracts.events.DomainEvent;
import io.budai.platform.bus.StateChangeWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The meeting or call running in each channel. One at a time per channel: {@code start} reserves
 * the channel atomically (a second {@code /loop start} is told what runs), the reservation expires
 * if setting up dies half-way, and a running session expires after a day at the latest.
 *
 * <p>Redis: {@code budai:slack:channel:{channel}} (hash of {@link ChannelSession}'s fields) and
 * {@code budai:slack:active:{user_id}} (set of the user's channels with a session).
 */
@Component
public class ChannelSessions {

  static final Duration RESERVATION = Duration.ofMinutes(2);
  static final Duration MAX_SESSION = Duration.ofDays(1);

  private static final RedisScript<Long> RESERVE =
      RedisScript.of(
          """
          if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
          redis.call('HSET', KEYS[1], unpack(ARGV, 2))
          redis.call('EXPIRE', KEYS[1], ARGV[1])
          return 1
          """,
          Long.class);

  private static final String ACTIVATE =
      """
      redis.call('HSET', KEYS[1], unpack(ARGV, 3))
      redis.call('EXPIRE', KEYS[1], ARGV[1])
      redis.call('SADD', KEYS[2], ARGV[2])
      redis.call('EXPIRE', KEYS[2], ARGV[1])
      return 1
      """;

  /** Deletes the session only if {@code field} still has {@code value} (it is the same one). */
  private static final String RELEASE_IF =
      """
      local current = redis.call('HGET', KEYS[1], ARGV[1])
      if current ~= ARGV[2] then return 0 end
      local user = redis.call('HGET', KEYS[1], 'user_id')
      redis.call('DEL', KEYS[1])
      if user then redis.call('SREM', ARGV[3] .. user, ARGV[4]) end
      return 1
      """;

  private final StringRedisTemplate redis;
  private final StateChangeWriter stateChanges;
  private final Clock clock;

  ChannelSessions(StringRedisTemplate redis, StateChangeWriter stateChanges, Clock clock) {
    this.redis = redis;
    this.stateChanges = stateChanges;
    this.clock = clock;
  }

  /** Reserves {@code channel} for a new session; false when one is running or starting there. */
  boolean reserve(String channel, String userId, String slackUserId) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(RESERVATION.toSeconds()));
    fields(
            Map.of(
                "kind",
                ChannelSession.STARTING,
                "user_id",
                userId,
                "slack_user_id",
                slackUserId,
                "started_at",
                clock.instant().toString()))
        .forEach(args::add);
    Long reserved =
        redis.execute(RESERVE, List.of(RedisKeys.Slack.channelSession(channel)), args.toArray());
    return reserved != null && reserved == 1L;
  }

  /**
   * Records the started session in the reserved channel and, in the same script, publishes {@code
   * events} (on behalf of the session's user).
   */
  void activate(ChannelSession session, List<? extends DomainEvent> events) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("kind", session.kind());
    values.put("user_id", session.userId());
    values.put("slack_user_id", session.slackUserId());
    put(values, "meeting_id", session.meetingId());
    put(values, "platform", session.platform());
    put(values, "native_meeting_id", session.nativeMeetingId());
    put(values, "meeting_url", session.meetingUrl());
    put(values, "call_id", session.callId());
    put(values, "slack_call_id", session.slackCallId());
    put(values, "join_url", session.joinUrl());
    put(values, "message_ts", session.messageTs());
    put(values, "title", session.title());
    values.put("started_at", session.startedAt().toString());
    List<String> args = new ArrayList<>();
    args.add(Long.toString(MAX_SESSION.toSeconds()));
    args.add(session.channel());
    fields(values).forEach(args::add);
    stateChanges.write(
        ACTIVATE,
        List.of(
            RedisKeys.Slack.channelSession(session.channel()),
            RedisKeys.Slack.activeChannels(session.userId())),
        args,
        events,
        session.userId());
  }

  /** Frees a channel whose start failed. */
  void cancel(String channel) {
    releaseIf(channel, "kind", ChannelSession.STARTING, List.of(), null);
  }

  /** The session of {@code channel}, if any. */
  public Optional<ChannelSession> find(String channel) {
    Map<Object, Object> hash = redis.opsForHash().entries(RedisKeys.Slack.channelSession(channel));
    if (hash.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ChannelSession(
            channel,
            value(hash, "kind"),
            value(hash, "user_id"),
            value(hash, "slack_user_id"),
            nullable(hash, "meeting_id"),
            nullable(hash, "platform"),
            nullable(hash, "native_meeting_id"),
            nullable(hash, "meeting_url"),
            nullable(hash, "call_id"),
            nullable(hash, "slack_call_id"),
            nullable(hash, "join_url"),
            nullable(hash, "message_ts"),
            nullable(hash, "title"),
            Instant.parse(value(hash, "started_at"))));
  }

  /** The sessions running for BudAI user {@code userId}. */
  public List<ChannelSession> ofUser(String userId) {
    Set<String> channels = redis.opsForSet().members(RedisKeys.Slack.activeChannels(userId));
    if (channels == null) {
      return List.of();
    }
    List<ChannelSession> sessions = new ArrayList<>();
    for (String channel : channels) {
      Optional<ChannelSession> session = find(channel);
      if (session.isPresent() && session.get().userId().equals(userId)) {
        sessions.add(session.get());
      } else {
        redis.opsForSet().remove(RedisKeys.Slack.activeChannels(userId), channel);
      }
    }
    return sessions;
  }

  /**
   * Ends {@code session} and publishes {@code events} with it: true if it was still the channel's
   * session (and now is not), false if someone else ended it first (nothing is published then).
   */
  boolean release(ChannelSession session, List<? extends DomainEvent> events) {
    return releaseIf(
        session.channel(), "started_at", session.startedAt().toString(), events, session.userId());
  }

  /** Ends the channel's session if its {@code field} equals {@code value}. */
  boolean releaseIf(
      String channel,
      String field,
      String value,
      List<? extends DomainEvent> events,
      @Nullable String userId) {
    long released =
        stateChanges.write(
            RELEASE_IF,
            List.of(RedisKeys.Slack.channelSession(channel)),
            List.of(field, value, RedisKeys.Slack.activeChannels(""), channel),
            events,
            userId);
    return released == 1L;
  }

  private static List<String> fields(Map<String, String> values) {
    List<String> flat = new ArrayList<>();
    values.forEach(
        (k, v) -> {
          flat.add(k);
          flat.add(v);
        });
    return flat;
  }

  private static void put(Map<String, String> values, String field, @Nullable String value) {
    if (value != null) {
      values.put(field, value);
    }
  }

  private static String value(Map<Object, Object> hash, String field) {
    Object value = hash.get(field);
    return value == null ? "" : value.toString();
  }

  private static @Nullable String nullable(Map<Object, Object> hash, String field) {
    String value = value(hash, field);
    return value.isEmpty() ? null : value;
  }
}
