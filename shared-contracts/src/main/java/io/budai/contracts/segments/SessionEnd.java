package io.budai.contracts.segments;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code session_end}: a transcription session ended.
 *
 * @param uid the session
 * @param meetingId the BudAI meeting
 * @param platform meeting platform
 * @param nativeMeetingId the platform's meeting id
 * @param language spoken language, or null
 * @param model STT model, or null
 * @param endedAt when it ended, or null
 * @param reason why it ended ({@code left}, {@code meeting_ended}, {@code error}, …), or null
 */
public record SessionEnd(
    String uid,
    String meetingId,
    String platform,
    String nativeMeetingId,
    @Nullable String language,
    @Nullable String model,
    @Nullable Instant endedAt,
    @Nullable String reason)
    implements SegmentMessage {

  @Override
  @JsonIgnore
  public String type() {
    return SESSION_END;
  }
}
