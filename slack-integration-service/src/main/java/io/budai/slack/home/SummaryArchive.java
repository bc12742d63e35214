package io.budai.slack.home;

import io.budai.contracts.RedisKeys;
import io.budai.contracts.dto.MeetingSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The summaries this service has seen ({@code summary.generated} events, and summaries posted
 * through {@code POST /messages}), kept for the App Home and the "view"/"re-run" buttons.
 *
 * <p>Redis: {@code budai:slack:summary:{meeting_id}} (JSON of {@link Archived}, 30 days) and {@code
 * budai:slack:recent:{user_id}} (list of meeting ids, newest first, at most 20).
 */
@Component
public class SummaryArchive {

  static final Duration KEEP = Duration.ofDays(30);
  static final int RECENT = 20;

  private static final RedisScript<Long> REMEMBER =
      RedisScript.of(
          """
          redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
          if KEYS[2] then
            redis.call('LREM', KEYS[2], 0, ARGV[3])
            redis.call('LPUSH', KEYS[2], ARGV[3])
            redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[4]) - 1)
            redis.call('EXPIRE', KEYS[2], ARGV[2])
          end
          return 1
          """,
          Long.class);

  private final StringRedisTemplate redis;
  private final JsonMapper json;
  private final Clock clock;

  SummaryArchive(StringRedisTemplate redis, JsonMapper json, Clock clock) {
    this.redis = redis;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Keeps {@code summary}; what an earlier copy knew and this one does not (title, channel, owner)
   * is kept.
   */
  public void remember(
      @Nullable String userId,
      @Nullable String channel,
      @Nullable String title,
      MeetingSummary summary) {
    Optional<Archived> earlier = find(summary.meetingId());
    String owner = userId != null ? userId : earlier.map(Archived::userId).orElse(null);
    Archived archived =
        new Archived(
            title != null ? title : earlier.map(Archived::title).orElse(null),
            channel != null ? channel : earlier.map(Archived::channel).orElse(null),
            owner,
            summary,
            clock.instant());
    List<String> keys = new ArrayList<>();
    keys.add(RedisKeys.Slack.summary(summary.meetingId()));
    if (owner != null) {
      keys.add(RedisKeys.Slack.recentMeetings(owner));
    }
    redis.execute(
        REMEMBER,
        keys,
        json.writeValueAsString(archived),
        Long.toString(KEEP.toSeconds()),
        summary.meetingId(),
        Integer.toString(RECENT));
  }

  /** The summary of {@code meetingId}, if one was seen. */
  public Optional<Archived> find(String meetingId) {
    String value = redis.opsForValue().get(RedisKeys.Slack.summary(meetingId));
    return value == null ? Optional.empty() : Optional.of(json.readValue(value, Archived.class));
  }

  /** The user's most recent summaries, newest first. */
  public List<Archived> recent(String userId, int limit) {
    List<String> ids =
        redis.opsForList().range(RedisKeys.Slack.recentMeetings(userId), 0, limit - 1L);
    if (ids == null) {
      return List.of();
    }
    List<Archived> found = new ArrayList<>();
    for (String id : ids) {
      find(id).ifPresent(found::add);
    }
    return found;
  }

  /**
   * A kept summary.
   *
   * @param title meeting title, when known
   * @param channel Slack channel it was posted to, when known
   * @param userId BudAI user it belongs to, when known
   * @param summary the summary
   * @param savedAt when it was kept
   */
  public record Archived(
      @Nullable String title,
      @Nullable String channel,
      @Nullable String userId,
      MeetingSummary summary,
      Instant savedAt) {}
}
