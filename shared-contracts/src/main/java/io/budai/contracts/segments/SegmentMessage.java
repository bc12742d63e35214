package io.budai.contracts.segments;

import org.jspecify.annotations.Nullable;

/**
 * An entry of {@code budai:segments} (DESIGN.md §3): the start of a transcription session, a batch
 * of transcribed segments, or its end. Every message names its session ({@code uid}) and meeting.
 */
public sealed interface SegmentMessage permits SessionStart, Transcription, SessionEnd {

  /** Wire type of {@link SessionStart}. */
  String SESSION_START = "session_start";

  /** Wire type of {@link Transcription}. */
  String TRANSCRIPTION = "transcription";

  /** Wire type of {@link SessionEnd}. */
  String SESSION_END = "session_end";

  /** The transcription session. */
  String uid();

  /** The BudAI meeting. */
  String meetingId();

  /** {@code google_meet}, {@code zoom}, {@code teams}, {@code slack_call}, … */
  String platform();

  /** The platform's meeting id. */
  String nativeMeetingId();

  /** Spoken language (ISO 639-1), or null when detected per segment. */
  @Nullable String language();

  /** STT model, or null. */
  @Nullable String model();

  /** The wire type: {@link #SESSION_START}, {@link #TRANSCRIPTION} or {@link #SESSION_END}. */
  String type();

  /** Segments of one meeting are handled in order within a consumer. */
  default String orderingKey() {
    return meetingId();
  }

  /** The record class of a wire type, or null for an unknown one. */
  static @Nullable Class<? extends SegmentMessage> classOf(@Nullable String type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case SESSION_START -> SessionStart.class;
      case TRANSCRIPTION -> Transcription.class;
      case SESSION_END -> SessionEnd.class;
      default -> null;
    };
  }

  /** The wire type of a record class, or null for {@link SegmentMessage} itself. */
  static @Nullable String typeOf(Class<? extends SegmentMessage> type) {
    if (type == SessionStart.class) {
      return SESSION_START;
    }
    if (type == Transcription.class) {
      return TRANSCRIPTION;
    }
    if (type == SessionEnd.class) {
      return SESSION_END;
    }
    return null;
  }
}
