package io.budai.contracts.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code voice.call.ended}: a Slack call or realtime voice session ended; producers:
 * slack-integration, voice-realtime.
 *
 * @param callId id of the call
 * @param meetingId BudAI meeting the call recorded
 * @param channelId Slack channel of the call, or null outside Slack
 * @param startedBy who started it, or null
 * @param endedAt when it ended
 */
public record VoiceCallEnded(
    String callId,
    String meetingId,
    @Nullable String channelId,
    @Nullable String startedBy,
    Instant endedAt)
    implements DomainEvent {

  @Override
  public String orderingKey() {
    return meetingId;
  }
}
