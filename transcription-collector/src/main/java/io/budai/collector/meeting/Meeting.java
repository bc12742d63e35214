package io.budai.collector.meeting;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One row of {@code transcripts.meetings}: a bot (or call) in one meeting.
 *
 * @param id the meeting id (Vexa's integer id)
 * @param userId the owner, as admin-service knows them
 * @param platform {@code google_meet}, {@code teams}, {@code zoom}, …
 * @param nativeMeetingId the platform's meeting id; null once the meeting is deleted (anonymized)
 * @param constructedMeetingUrl the URL the bot joined
 * @param status the status machine's state
 * @param botContainerId the bot's id at bot-manager (its session uid)
 * @param startTime when the meeting became active (or its first segment arrived)
 * @param endTime when it reached a final status
 * @param data free-form data: name, participants, languages, notes, status_transition history,
 *     completion_reason, failure_stage, slack_channel_id, …
 * @param createdAt when it was requested
 * @param updatedAt last change
 * @param finalizedAt when the final flush ran after the meeting ended
 */
public record Meeting(
    long id,
    String userId,
    String platform,
    @Nullable String nativeMeetingId,
    @Nullable String constructedMeetingUrl,
    MeetingStatus status,
    @Nullable String botContainerId,
    @Nullable Instant startTime,
    @Nullable Instant endTime,
    ObjectNode data,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant finalizedAt) {

  /** A string value of {@link #data}, or null. */
  public @Nullable String dataText(String key) {
    var node = data.get(key);
    return node == null || node.isNull() ? null : node.asString();
  }

  /** Whether {@code DELETE} already anonymized the meeting. */
  public boolean redacted() {
    var node = data.get("redacted");
    return node != null && node.asBoolean();
  }
}
