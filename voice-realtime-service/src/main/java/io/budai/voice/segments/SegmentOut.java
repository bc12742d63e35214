package io.budai.voice.segments;

import org.jspecify.annotations.Nullable;

/**
 * A transcript segment as this service emits it.
 *
 * @param start seconds from the session start
 * @param end seconds from the session start
 * @param speaker the speaker's name
 * @param text the words
 * @param language language, or null
 * @param completed false for a draft, true for the confirmed text
 * @param segmentId stable id: the confirmed segment carries its draft's id and replaces it
 */
public record SegmentOut(
    double start,
    double end,
    String speaker,
    String text,
    @Nullable String language,
    boolean completed,
    String segmentId) {}
