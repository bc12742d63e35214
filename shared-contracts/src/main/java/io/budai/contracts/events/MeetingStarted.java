package io.budai.contracts.events;

import org.jspecify.annotations.Nullable;

/**
 * {@code meeting.started}: the first transcript session of a meeting began; producer:
 * transcription-collector.
 *
 * @param meetingId BudAI meeting id
 * @param userId owner of the meeting, or null when unknown
 * @param platform {@code google_meet}, {@code zoom}, {@code teams}, {@code slack_call}, …
 * @param nativeMeetingId the platform's meeting id
 * @param title meeting title, or null
 */
public record MeetingStarted(
    String meetingId,
    @Nullable String userId,
    String platform,
    String nativeMeetingId,
    @Nullable String title)
    implements DomainEvent {

  @Override
  public String orderingKey() {
    return meetingId;
  }
}
