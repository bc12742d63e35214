package io.budai.collector.live;

import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the JSON frames of the {@code /ws} feed (vexa-api.md b.6): {@code {"type":
 * "transcript.mutable"|"transcript.finalized"|"meeting.status", "meeting": {"id", "platform",
 * "native_id"}, "payload": {...}, "ts": iso}}.
 */
@Component
public class LiveFrames {

  /** Type of a frame with segments as they arrive (drafts and confirmed). */
  public static final String MUTABLE = "transcript.mutable";

  /** Type of a frame with segments that were persisted. */
  public static final String FINALIZED = "transcript.finalized";

  /** Type of a frame with a meeting's new status. */
  public static final String STATUS = "meeting.status";

  private final JsonMapper json;
  private final Clock clock;

  LiveFrames(JsonMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  /** A {@code transcript.mutable} or {@code transcript.finalized} frame. */
  public String segments(
      String type,
      long meetingId,
      String platform,
      @Nullable String nativeId,
      List<LiveSegment> segments) {
    return json.writeValueAsString(
        new SegmentsFrame(
            type,
            new MeetingRef(meetingId, platform, nativeId),
            new SegmentsPayload(segments),
            clock.instant().toString()));
  }

  /**
   * A segments frame from segment JSON objects already serialized (the hot store's own JSON, which
   * has the fields of {@link LiveSegment}): the ingest path serializes each segment once.
   */
  public String segmentsJson(
      String type,
      long meetingId,
      String platform,
      @Nullable String nativeId,
      List<String> segmentJson) {
    StringBuilder frame = new StringBuilder(128 + segmentJson.size() * 200);
    frame
        .append("{\"type\":")
        .append(json.writeValueAsString(type))
        .append(",\"meeting\":")
        .append(json.writeValueAsString(new MeetingRef(meetingId, platform, nativeId)))
        .append(",\"payload\":{\"segments\":[");
    for (int i = 0; i < segmentJson.size(); i++) {
      if (i > 0) {
        frame.append(',');
      }
      frame.append(segmentJson.get(i));
    }
    return frame.append("]},\"ts\":\"").append(clock.instant()).append("\"}").toString();
  }

  /** A {@code meeting.status} frame. */
  public String status(long meetingId, String platform, @Nullable String nativeId, String status) {
    return json.writeValueAsString(
        new StatusFrame(
            STATUS,
            new MeetingRef(meetingId, platform, nativeId),
            new StatusPayload(status),
            clock.instant().toString()));
  }

  /**
   * A segment as the live feed shows it.
   *
   * @param segmentId identity (drafts are replaced by the confirmed segment with the same id)
   * @param start seconds from the session start
   * @param end seconds from the session start
   * @param text text
   * @param speaker speaker
   * @param language language
   * @param completed false for a draft
   * @param sessionUid the session
   */
  public record LiveSegment(
      String segmentId,
      double start,
      double end,
      String text,
      @Nullable String speaker,
      @Nullable String language,
      boolean completed,
      @Nullable String sessionUid) {}

  record MeetingRef(long id, String platform, @Nullable String nativeId) {}

  record SegmentsPayload(List<LiveSegment> segments) {}

  record SegmentsFrame(String type, MeetingRef meeting, SegmentsPayload payload, String ts) {}

  record StatusPayload(String status) {}

  record StatusFrame(String type, MeetingRef meeting, StatusPayload payload, String ts) {}
}
