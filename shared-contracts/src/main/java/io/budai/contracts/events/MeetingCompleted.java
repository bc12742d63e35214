package io.budai.contracts.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code meeting.completed}: a meeting ended and its transcript is stored; producer:
 * transcription-collector. The orchestrator starts the meeting workflow on it.
 *
 * @param meetingId BudAI meeting id
 * @param userId owner of the meeting, or null when unknown
 * @param endedAt when it ended
 * @param durationS length in seconds
 * @param segmentCount number of stored transcript segments
 * @param slackChannelId Slack channel to deliver results to, or null
 */
public record MeetingCompleted(
    String meetingId,
    @Nullable String userId,
    Instant endedAt,
    double durationS,
    int segmentCount,
    @Nullable String slackChannelId)
    implements DomainEvent {

  @Override
  public String orderingKey() {
    return meetingId;
  }
}
