package io.budai.contracts.segments;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code session_start}: a transcription session of a meeting began.
 *
 * @param uid the session
 * @param meetingId the BudAI meeting
 * @param platform meeting platform
 * @param nativeMeetingId the platform's meeting id
 * @param language spoken language, or null
 * @param model STT model, or null
 * @param userId owner of the meeting, or null when unknown
 * @param startedAt when the session started (segment times count from it), or null
 */
public record SessionStart(
    String uid,
    String meetingId,
    String platform,
    String nativeMeetingId,
    @Nullable String language,
    @Nullable String model,
    @Nullable String userId,
    @Nullable Instant startedAt)
    implements SegmentMessage {

  @Override
  @JsonIgnore
  public String type() {
    return SESSION_START;
  }
}
