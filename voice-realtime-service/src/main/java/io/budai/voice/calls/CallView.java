package io.budai.voice.calls;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A call as the API shows it.
 *
 * @param callId the call
 * @param meetingId the meeting that records it (its transcript: {@code GET /transcripts/by-id/…})
 * @param joinUrl the link participants open
 * @param status {@code active} or {@code ended}
 * @param title its name, or null
 * @param channelId the Slack channel, or null
 * @param createdAt when it started
 * @param joinedAt when the first participant joined, or null
 * @param endedAt when it ended, or null
 * @param endReason why it ended, or null
 */
record CallView(
    String callId,
    String meetingId,
    String joinUrl,
    String status,
    @Nullable String title,
    @Nullable String channelId,
    Instant createdAt,
    @Nullable Instant joinedAt,
    @Nullable Instant endedAt,
    @Nullable String endReason) {

  static CallView of(Call call) {
    return new CallView(
        call.callId(),
        call.meetingId(),
        call.joinUrl(),
        call.status(),
        call.title(),
        call.channelId(),
        call.createdAt(),
        call.joinedAt(),
        call.endedAt(),
        call.endReason());
  }
}
