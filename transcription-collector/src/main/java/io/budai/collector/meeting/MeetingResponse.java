package io.budai.collector.meeting;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vexa's {@code MeetingResponse} (v0.10, with {@code completion_reason} and {@code failure_stage}
 * hoisted from data). {@code user_id} is a number when the user id is numeric, as Vexa clients
 * expect.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MeetingResponse(
    long id,
    Object userId,
    String platform,
    @Nullable String nativeMeetingId,
    @Nullable String constructedMeetingUrl,
    String status,
    @Nullable String botContainerId,
    @Nullable Instant startTime,
    @Nullable Instant endTime,
    ObjectNode data,
    Instant createdAt,
    Instant updatedAt,
    @Nullable String completionReason,
    @Nullable String failureStage) {

  /** Data keys left out of list rows (Vexa v0.12's "slim" rows): history and diagnostics. */
  static final Set<String> HEAVY_DATA_KEYS =
      Set.of(
          "status_transition",
          "speaker_events",
          "bot_logs",
          "recordings",
          "chat_messages",
          "error_details",
          "last_error");

  /** The full representation of {@code meeting}. */
  public static MeetingResponse of(Meeting meeting) {
    return of(meeting, meeting.data());
  }

  /** The list-row representation: data without its heavy keys. */
  static MeetingResponse slim(Meeting meeting) {
    ObjectNode data = meeting.data().deepCopy();
    HEAVY_DATA_KEYS.forEach(data::remove);
    return of(meeting, data);
  }

  private static MeetingResponse of(Meeting meeting, ObjectNode data) {
    return new MeetingResponse(
        meeting.id(),
        userIdJson(meeting.userId()),
        meeting.platform(),
        meeting.nativeMeetingId(),
        meeting.constructedMeetingUrl(),
        meeting.status().wire(),
        meeting.botContainerId(),
        meeting.startTime(),
        meeting.endTime(),
        data,
        meeting.createdAt(),
        meeting.updatedAt(),
        meeting.dataText("completion_reason"),
        meeting.dataText("failure_stage"));
  }

  /** A numeric user id as a number, any other as a string. */
  public static Object userIdJson(String userId) {
    if (!userId.isEmpty() && userId.length() < 19 && userId.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(userId);
    }
    return userId;
  }
}
