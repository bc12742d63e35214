package io.budai.collector.transcript;

import io.budai.collector.ingest.HotSegment;
import io.budai.collector.ingest.HotStore;
import io.budai.collector.ingest.SessionRepository;
import io.budai.collector.meeting.Meeting;
import io.budai.platform.web.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a meeting's transcript: the Redis hot store first, then PostgreSQL (a segment flushed in
 * between is then found in PostgreSQL, committed before Redis lets go of it), merged by {@code
 * segment_id}: the hot version wins unless it is a draft of a segment already stored as confirmed.
 *
 * <p>Every version carries a meeting-wide revision handed out by Redis when it was written, so the
 * largest revision seen is a cursor: a later read with {@code since} returns exactly what was added
 * or changed after it.
 */
@Service
public class TranscriptService {

  private final HotStore hot;
  private final TranscriptRepository stored;
  private final SessionRepository sessions;

  TranscriptService(HotStore hot, TranscriptRepository stored, SessionRepository sessions) {
    this.hot = hot;
    this.stored = stored;
    this.sessions = sessions;
  }

  /** The meeting's transcript, or what changed after cursor {@code since}. */
  public TranscriptResponse read(Meeting meeting, @Nullable String since) {
    long cursor = parseCursor(since);
    List<HotSegment> inFlight = hot.read(meeting.id());
    List<TranscriptRepository.Stored> persisted = stored.segments(meeting.id(), cursor);
    Map<String, Instant> starts = sessions.startTimes(meeting.id());
    long next = cursor;
    Map<String, TranscriptSegment> merged = new HashMap<>();
    for (TranscriptRepository.Stored row : persisted) {
      next = Math.max(next, row.revision());
      merged.put(
          row.segmentId(),
          new TranscriptSegment(
              row.start(),
              row.end(),
              row.text(),
              row.language(),
              row.createdAt(),
              row.speaker(),
              absolute(starts, row.sessionUid(), row.start()),
              absolute(starts, row.sessionUid(), row.end()),
              true,
              row.segmentId(),
              row.sessionUid()));
    }
    List<String> retracted = new ArrayList<>();
    for (HotSegment segment : inFlight) {
      if (segment.revision() <= cursor) {
        continue;
      }
      next = Math.max(next, segment.revision());
      TranscriptSegment existing = merged.get(segment.segmentId());
      if (existing != null && existing.completed() && !segment.completed()) {
        continue;
      }
      if (segment.text().isEmpty()) {
        merged.remove(segment.segmentId());
        retracted.add(segment.segmentId());
        continue;
      }
      merged.put(
          segment.segmentId(),
          new TranscriptSegment(
              segment.start(),
              segment.end(),
              segment.text(),
              segment.language(),
              null,
              segment.speaker(),
              absolute(starts, segment.sessionUid(), segment.start()),
              absolute(starts, segment.sessionUid(), segment.end()),
              segment.completed(),
              segment.segmentId(),
              segment.sessionUid()));
    }
    List<TranscriptSegment> segments = new ArrayList<>(merged.values());
    segments.sort(
        Comparator.comparingDouble(TranscriptSegment::start)
            .thenComparingDouble(TranscriptSegment::end)
            .thenComparing(TranscriptSegment::segmentId));
    ObjectNode data = meeting.data().deepCopy();
    data.remove(List.of("status_transition", "bot_logs", "error_details", "passcode"));
    return new TranscriptResponse(
        meeting.id(),
        meeting.platform(),
        meeting.nativeMeetingId(),
        meeting.constructedMeetingUrl(),
        meeting.status().wire(),
        meeting.startTime(),
        meeting.endTime(),
        data,
        segments,
        Long.toString(next),
        since == null ? null : retracted);
  }

  private static @Nullable Instant absolute(
      Map<String, Instant> starts, @Nullable String sessionUid, double seconds) {
    Instant start = sessionUid == null ? null : starts.get(sessionUid);
    return start == null ? null : start.plusNanos((long) (seconds * 1_000_000_000L));
  }

  private static long parseCursor(@Nullable String since) {
    if (since == null || since.isBlank()) {
      return 0;
    }
    try {
      long value = Long.parseLong(since.trim());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-cursor",
          "Invalid cursor",
          "since must be a next_since value returned by an earlier read.");
    }
  }
}
