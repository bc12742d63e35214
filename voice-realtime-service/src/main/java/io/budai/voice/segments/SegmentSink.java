package io.budai.voice.segments;

import java.util.List;

/** Where sessions and their segments go: {@code budai:segments}, read by the collector. */
public interface SegmentSink {

  /** A session begins ({@code session_start}). */
  void sessionStart(TranscriptSession session);

  /** Drafts or confirmed segments of a session ({@code transcription}). */
  void transcription(TranscriptSession session, List<SegmentOut> segments);

  /** A session is over ({@code session_end}). */
  void sessionEnd(TranscriptSession session);
}
