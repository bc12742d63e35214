package io.budai.contracts.segments;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code transcription}: segments transcribed in a session (new ones and revisions).
 *
 * @param uid the session
 * @param meetingId the BudAI meeting
 * @param platform meeting platform
 * @param nativeMeetingId the platform's meeting id
 * @param language spoken language, or null
 * @param model STT model, or null
 * @param segments the segments
 */
public record Transcription(
    String uid,
    String meetingId,
    String platform,
    String nativeMeetingId,
    @Nullable String language,
    @Nullable String model,
    List<Segment> segments)
    implements SegmentMessage {

  public Transcription {
    segments = segments == null ? List.of() : List.copyOf(segments);
  }

  @Override
  @JsonIgnore
  public String type() {
    return TRANSCRIPTION;
  }
}
