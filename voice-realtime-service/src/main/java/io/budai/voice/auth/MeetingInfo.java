package io.budai.voice.auth;

import org.jspecify.annotations.Nullable;

/**
 * What the collector says about a meeting a stream writes into.
 *
 * @param id the meeting id
 * @param platform the meeting's platform ({@code google_meet}, {@code voice}, …)
 * @param nativeMeetingId the platform's id of the meeting
 * @param status the meeting's status, or null when the collector did not say
 */
public record MeetingInfo(
    String id, String platform, String nativeMeetingId, @Nullable String status) {

  /** Whether the meeting is over (no more transcript may be added). */
  public boolean finished() {
    return "completed".equals(status) || "failed".equals(status);
  }
}
