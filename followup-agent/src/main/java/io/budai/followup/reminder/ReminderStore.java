package io.budai.followup.reminder;

import io.budai.contracts.RedisKeys;
import io.budai.contracts.dto.ActionItem;
import io.budai.contracts.dto.Attendee;
import io.budai.contracts.dto.FollowupDraft;
import io.budai.followup.FollowupProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;

/**
 * Stored reminders: a hash {@code budai:reminder:{id}} (meeting, action item, owner, e-mail, due
 * time, status) and the id in the sorted set {@code budai:reminders} scored by due time (epoch ms).
 * The id derives from the meeting, the item and the owner, so drafting the same follow-up twice
 * schedules one reminder; a reminder that already fired is not scheduled again.
 */
@Service
public class ReminderStore {

  /** Writes the hash and the schedule together, unless the reminder already fired. */
  private static final RedisScript<Long> SCHEDULE =
      RedisScript.of(
          """
          if redis.call('HGET', KEYS[1], 'status') == 'fired' then return 0 end
          redis.call('HSET', KEYS[1], unpack(ARGV, 3))
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          redis.call('ZADD', KEYS[2], ARGV[1], KEYS[3])
          return 1""",
          Long.class);

  private final StringRedisTemplate redis;
  private final FollowupProperties properties;

  ReminderStore(StringRedisTemplate redis, FollowupProperties properties) {
    this.redis = redis;
    this.properties = properties;
  }

  /** Schedules the reminder of {@code item}; empty when its due date is not an ISO date. */
  public Optional<FollowupDraft.Reminder> schedule(
      String meetingId, String title, ActionItem item, @Nullable Attendee owner) {
    LocalDate due;
    try {
      due = LocalDate.parse(item.due());
    } catch (DateTimeParseException | NullPointerException e) {
      return Optional.empty();
    }
    Instant dueAt =
        due.atTime(properties.reminderTime()).atZone(properties.reminderZone()).toInstant();
    String id = id(meetingId, item.text(), String.valueOf(item.owner()));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", id);
    fields.put("meeting_id", meetingId);
    fields.put("title", title);
    fields.put("action_item", item.text());
    fields.put("owner", String.valueOf(item.owner()));
    fields.put("email", owner != null && owner.email() != null ? owner.email() : "");
    fields.put(
        "slack_user_id", owner != null && owner.slackUserId() != null ? owner.slackUserId() : "");
    fields.put("due_at", dueAt.toString());
    fields.put("status", "pending");
    String[] args = new String[2 + fields.size() * 2];
    args[0] = String.valueOf(dueAt.toEpochMilli());
    args[1] =
        String.valueOf(
            Math.max(dueAt.toEpochMilli() - System.currentTimeMillis(), 0) + 30L * 86_400_000);
    int i = 2;
    for (var e : fields.entrySet()) {
      args[i++] = e.getKey();
      args[i++] = e.getValue();
    }
    redis.execute(
        SCHEDULE, List.of(RedisKeys.reminder(id), RedisKeys.REMINDERS, id), (Object[]) args);
    return Optional.of(
        new FollowupDraft.Reminder(
            id, item.text(), String.valueOf(item.owner()), dueAt.toString()));
  }

  /** Ids due at {@code now}, at most {@code limit}. */
  List<String> due(Instant now, int limit) {
    var ids = redis.opsForZSet().rangeByScore(RedisKeys.REMINDERS, 0, now.toEpochMilli(), 0, limit);
    return ids == null ? List.of() : List.copyOf(ids);
  }

  /** Takes {@code id} off the schedule; true for exactly one caller among all replicas. */
  boolean claim(String id) {
    Long removed = redis.opsForZSet().remove(RedisKeys.REMINDERS, id);
    return removed != null && removed == 1;
  }

  /** Puts {@code id} back on the schedule at {@code at} (a failed firing). */
  void retryAt(String id, Instant at) {
    redis.opsForZSet().add(RedisKeys.REMINDERS, id, at.toEpochMilli());
  }

  Map<String, String> get(String id) {
    Map<Object, Object> raw = redis.opsForHash().entries(RedisKeys.reminder(id));
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k.toString(), v.toString()));
    return out;
  }

  void markFired(String id, String outcome) {
    redis
        .opsForHash()
        .putAll(
            RedisKeys.reminder(id),
            Map.of("status", "fired", "fired_at", Instant.now().toString(), "outcome", outcome));
  }

  static String id(String meetingId, String text, String owner) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((meetingId + "\n" + text + "\n" + owner).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
