package io.budai.collector.ingest;

import io.budai.collector.live.LiveFrames;
import io.budai.contracts.segments.Segment;
import io.budai.contracts.segments.SessionEnd;
import io.budai.contracts.segments.SessionStart;
import io.budai.contracts.segments.Transcription;
import io.budai.platform.bus.EventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code budai:segments}: {@code session_start} records the session, {@code transcription}
 * writes segments into the hot store (one Lua script per message, which also publishes the live
 * {@code transcript.mutable} frame), {@code session_end} closes the session, reports its usage and
 * lets a finished meeting finalize.
 *
 * <p>Segments are normalized as Vexa v0.10 does: start/end required (swapped when inverted), a
 * confirmed segment shorter than 1 ms is dropped, a missing {@code segment_id} is derived from the
 * session, speaker and start (stable across re-sends), and text is cleaned of markers.
 */
@Component
class SegmentIngestor {

  private static final Logger log = LoggerFactory.getLogger(SegmentIngestor.class);

  private final MeetingDirectory directory;
  private final HotStore hot;
  private final SegmentCleaner cleaner;
  private final SessionRepository sessions;
  private final LiveFrames frames;
  private final MeetingLifecycle lifecycle;
  private final Clock clock;
  private final Counter ingested;
  private final MeterRegistry meters;

  SegmentIngestor(
      MeetingDirectory directory,
      HotStore hot,
      SegmentCleaner cleaner,
      SessionRepository sessions,
      LiveFrames frames,
      MeetingLifecycle lifecycle,
      Clock clock,
      MeterRegistry meters) {
    this.directory = directory;
    this.hot = hot;
    this.cleaner = cleaner;
    this.sessions = sessions;
    this.frames = frames;
    this.lifecycle = lifecycle;
    this.clock = clock;
    this.meters = meters;
    this.ingested = meters.counter("collector.segments.ingested");
  }

  @EventHandler
  void on(SessionStart message) {
    Optional<MeetingDirectory.Info> meeting = meeting(message.meetingId(), message.type());
    if (meeting.isEmpty()) {
      return;
    }
    Instant startedAt = message.startedAt() == null ? clock.instant() : message.startedAt();
    sessions.upsert(
        meeting.get().id(), message.uid(), startedAt, message.language(), message.model());
    hot.startSession(
        message.uid(), meeting.get().id(), meeting.get().userId(), startedAt.toEpochMilli());
  }

  @EventHandler
  void on(Transcription message) {
    Optional<MeetingDirectory.Info> found = meeting(message.meetingId(), message.type());
    if (found.isEmpty()) {
      return;
    }
    MeetingDirectory.Info meeting = found.get();
    List<HotSegment> segments = new ArrayList<>(message.segments().size());
    List<String> bodies = new ArrayList<>(message.segments().size());
    List<String> live = new ArrayList<>(message.segments().size());
    double earliest = Double.MAX_VALUE;
    for (Segment raw : message.segments()) {
      HotSegment segment = normalize(message, raw);
      if (segment == null) {
        drop("invalid_segment");
        continue;
      }
      segments.add(segment);
      String body = hot.body(segment);
      bodies.add(body);
      earliest = Math.min(earliest, segment.start());
      if (!segment.text().isEmpty()) {
        live.add(body);
      }
    }
    if (segments.isEmpty()) {
      return;
    }
    String frame =
        live.isEmpty()
            ? ""
            : frames.segmentsJson(
                LiveFrames.MUTABLE,
                meeting.id(),
                meeting.platform(),
                meeting.nativeMeetingId(),
                live);
    HotStore.IngestResult result =
        hot.write(meeting.id(), meeting.userId(), message.uid(), segments, bodies, frame);
    ingested.increment(result.written());
    if (result.firstOfSession()) {
      // a session that never announced itself (or whose start was lost) still gets a row, so its
      // segments have absolute times; the first start time recorded wins
      Instant approximateStart = clock.instant().minusMillis((long) (Math.max(0, earliest) * 1000));
      sessions.upsert(
          meeting.id(), message.uid(), approximateStart, message.language(), message.model());
      lifecycle.firstSegment(meeting.id());
    }
  }

  @EventHandler
  void on(SessionEnd message) {
    Optional<MeetingDirectory.Info> meeting = meeting(message.meetingId(), message.type());
    if (meeting.isEmpty()) {
      return;
    }
    Instant endedAt = message.endedAt() == null ? clock.instant() : message.endedAt();
    sessions.end(meeting.get().id(), message.uid(), endedAt);
    lifecycle.sessionEnded(meeting.get().id(), meeting.get().userId(), message.uid());
  }

  private Optional<MeetingDirectory.Info> meeting(String meetingId, String type) {
    long id;
    try {
      id = Long.parseLong(meetingId.trim());
    } catch (NumberFormatException e) {
      drop("invalid_meeting_id");
      log.warn("Dropping a {} message with meeting id '{}': not a meeting id", type, meetingId);
      return Optional.empty();
    }
    Optional<MeetingDirectory.Info> meeting = directory.find(id);
    if (meeting.isEmpty()) {
      drop("unknown_meeting");
      log.warn("Dropping a {} message for unknown meeting {}", type, id);
      return Optional.empty();
    }
    if (meeting.get().redacted()) {
      drop("deleted_meeting");
      return Optional.empty();
    }
    return meeting;
  }

  private @Nullable HotSegment normalize(Transcription message, Segment raw) {
    double start = raw.start();
    double end = raw.end();
    if (!Double.isFinite(start) || !Double.isFinite(end) || start < 0 || end < 0) {
      return null;
    }
    if (end < start) {
      double swap = start;
      start = end;
      end = swap;
    }
    if (raw.completed() && end - start < 0.001) {
      return null;
    }
    String speaker = HotStore.blankToNull(raw.speaker());
    if (speaker != null && speaker.length() > 255) {
      speaker = speaker.substring(0, 255);
    }
    String segmentId = HotStore.blankToNull(raw.segmentId());
    if (segmentId == null) {
      segmentId =
          message.uid()
              + ":"
              + (speaker == null ? "unknown" : speaker)
              + ":"
              + Math.round(start * 1000);
    }
    if (segmentId.length() > 255) {
      return null;
    }
    String language = HotStore.blankToNull(raw.language());
    if (language == null) {
      language = HotStore.blankToNull(message.language());
    }
    if (language != null && language.length() > 16) {
      language = language.substring(0, 16);
    }
    return new HotSegment(
        segmentId,
        message.uid(),
        start,
        end,
        cleaner.clean(raw.text() == null ? "" : raw.text()),
        speaker,
        language,
        raw.completed(),
        0,
        0);
  }

  private void drop(String reason) {
    meters.counter("collector.segments.dropped", "reason", reason).increment();
  }
}
