package io.budai.collector.transcript;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Vexa's {@code TranscriptionSegment} (v0.10: with {@code completed} and {@code segment_id}).
 *
 * @param start seconds from the session start
 * @param end seconds from the session start
 * @param text the text
 * @param language language code
 * @param createdAt when it was persisted (null while only in the hot store)
 * @param speaker the speaker
 * @param absoluteStartTime wall-clock start (session start + start)
 * @param absoluteEndTime wall-clock end
 * @param completed false for a draft that may still change
 * @param segmentId identity within the meeting
 * @param sessionUid the transcription session
 */
public record TranscriptSegment(
    double start,
    double end,
    String text,
    @Nullable String language,
    @Nullable Instant createdAt,
    @Nullable String speaker,
    @Nullable Instant absoluteStartTime,
    @Nullable Instant absoluteEndTime,
    boolean completed,
    String segmentId,
    @Nullable String sessionUid) {}
