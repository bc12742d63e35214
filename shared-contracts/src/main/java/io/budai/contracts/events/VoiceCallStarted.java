package io.budai.contracts.events;

import org.jspecify.annotations.Nullable;

/**
 * {@code voice.call.started}: a Slack call or realtime voice session began; producers:
 * slack-integration, voice-realtime.
 *
 * @param callId id of the call
 * @param meetingId BudAI meeting the call records
 * @param channelId Slack channel of the call, or null outside Slack
 * @param startedBy who started it (Slack user id or BudAI user id)
 * @param joinUrl where others join, or null
 */
public record VoiceCallStarted(
    String callId,
    String meetingId,
    @Nullable String channelId,
    @Nullable String startedBy,
    @Nullable String joinUrl)
    implements DomainEvent {

  @Override
  public String orderingKey() {
    return meetingId;
  }
}
