package io.budai.voice.segments;

import io.budai.contracts.segments.Segment;
import io.budai.contracts.segments.SessionEnd;
import io.budai.contracts.segments.SessionStart;
import io.budai.contracts.segments.Transcription;
import io.budai.platform.bus.EventPublisher;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Writes sessions and their segments to {@code budai:segments} through the event bus: {@code
 * session_start}, {@code transcription} (drafts with {@code completed=false}, then the confirmed
 * segment with the same {@code segment_id}), {@code session_end}. The collector reads them exactly
 * as it reads a meeting bot's.
 *
 * @throws io.budai.platform.bus.EventBusException from every method when Redis is unreachable
 */
@Component
public class SegmentPublisher {

  private final EventPublisher events;

  SegmentPublisher(EventPublisher events) {
    this.events = events;
  }

  /** A session begins. */
  public void sessionStart(TranscriptSession session) {
    events.publishSegment(
        new SessionStart(
            session.uid(),
            session.meetingId(),
            session.platform(),
            session.nativeMeetingId(),
            session.language(),
            session.model(),
            session.userId(),
            session.startedAt()));
  }

  /** Drafts or confirmed segments of a session. */
  public void transcription(TranscriptSession session, List<Segment> segments) {
    events.publishSegment(
        new Transcription(
            session.uid(),
            session.meetingId(),
            session.platform(),
            session.nativeMeetingId(),
            session.language(),
            session.model(),
            segments));
  }

  /**
   * A session is over.
   *
   * @param reason {@code stopped} (the client said stop), {@code disconnected}, {@code error}
   */
  public void sessionEnd(TranscriptSession session, String reason) {
    events.publishSegment(
        new SessionEnd(
            session.uid(),
            session.meetingId(),
            session.platform(),
            session.nativeMeetingId(),
            session.language(),
            session.model(),
            Instant.now(),
            reason));
  }
}
