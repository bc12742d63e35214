package io.budai.voice.calls;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A voice call as stored in {@code budai:voice:call:{id}}.
 *
 * @param callId the call's id (also the meeting's native id)
 * @param meetingId the collector's meeting that records the call
 * @param userId the BudAI user who owns the meeting
 * @param platform the meeting's platform
 * @param channelId the Slack channel, or null outside Slack
 * @param startedBy who started it (as the starter named them)
 * @param joinUrl where participants join
 * @param title a name for the call, or null
 * @param status {@code active} or {@code ended}
 * @param createdAt when it was registered
 * @param joinedAt when the first stream joined, or null
 * @param lastActivity when a stream last joined or left
 * @param endedAt when it ended, or null
 * @param endReason why it ended, or null
 */
record Call(
    String callId,
    String meetingId,
    String userId,
    String platform,
    @Nullable String channelId,
    @Nullable String startedBy,
    String joinUrl,
    @Nullable String title,
    String status,
    Instant createdAt,
    @Nullable Instant joinedAt,
    Instant lastActivity,
    @Nullable Instant endedAt,
    @Nullable String endReason) {

  static final String ACTIVE = "active";
  static final String ENDED = "ended";

  boolean active() {
    return ACTIVE.equals(status);
  }

  /** The hash fields of a new call. */
  Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("call_id", callId);
    fields.put("meeting_id", meetingId);
    fields.put("user_id", userId);
    fields.put("platform", platform);
    fields.put("join_url", joinUrl);
    fields.put("status", status);
    fields.put("created_at", createdAt.toString());
    fields.put("last_activity", lastActivity.toString());
    if (channelId != null) {
      fields.put("channel_id", channelId);
    }
    if (startedBy != null) {
      fields.put("started_by", startedBy);
    }
    if (title != null) {
      fields.put("title", title);
    }
    return fields;
  }

  static Call of(Map<String, String> hash) {
    return new Call(
        hash.get("call_id"),
        hash.get("meeting_id"),
        hash.get("user_id"),
        hash.getOrDefault("platform", "browser_session"),
        hash.get("channel_id"),
        hash.get("started_by"),
        hash.get("join_url"),
        hash.get("title"),
        hash.getOrDefault("status", ACTIVE),
        Instant.parse(hash.get("created_at")),
        instant(hash.get("joined_at")),
        Instant.parse(hash.getOrDefault("last_activity", hash.get("created_at"))),
        instant(hash.get("ended_at")),
        hash.get("end_reason"));
  }

  private static @Nullable Instant instant(@Nullable String value) {
    return value == null ? null : Instant.parse(value);
  }
}
