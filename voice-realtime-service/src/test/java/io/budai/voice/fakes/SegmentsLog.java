package io.budai.voice.fakes;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.segments.SegmentCodec;
import io.budai.contracts.segments.SegmentMessage;
import io.budai.contracts.segments.SessionEnd;
import io.budai.contracts.segments.Transcription;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Reads back what was written to {@code budai:segments} ({@code XRANGE}), decoded. */
public final class SegmentsLog {

  private static final SegmentCodec CODEC = new SegmentCodec();

  private final StringRedisTemplate redis;

  public SegmentsLog(StringRedisTemplate redis) {
    this.redis = redis;
  }

  /** Every message of one meeting, in stream order. */
  public List<SegmentMessage> of(String meetingId) {
    List<MapRecord<String, Object, Object>> records =
        redis.opsForStream().range(BudaiStreams.SEGMENTS, Range.unbounded());
    List<SegmentMessage> out = new ArrayList<>();
    if (records == null) {
      return out;
    }
    for (MapRecord<String, Object, Object> record : records) {
      String type = (String) record.getValue().get(BudaiStreams.FIELD_TYPE);
      String json = (String) record.getValue().get(BudaiStreams.FIELD_EVENT);
      SegmentMessage message = CODEC.decodeOrThrow(type, json);
      if (message.meetingId().equals(meetingId)) {
        out.add(message);
      }
    }
    return out;
  }

  /** Whether the session {@code uid} has ended. */
  public boolean ended(String meetingId, String uid) {
    return of(meetingId).stream().anyMatch(m -> m instanceof SessionEnd && m.uid().equals(uid));
  }

  /** Every segment of the meeting's transcription messages, in order. */
  public List<io.budai.contracts.segments.Segment> segments(String meetingId) {
    return of(meetingId).stream()
        .filter(Transcription.class::isInstance)
        .flatMap(m -> ((Transcription) m).segments().stream())
        .toList();
  }
}
