package io.budai.contracts.segments;

import org.jspecify.annotations.Nullable;

/**
 * One transcript segment. Times are seconds from the start of the session.
 *
 * @param start start time
 * @param end end time
 * @param speaker who spoke, or null when unknown
 * @param text what was said
 * @param language detected language (ISO 639-1), or null
 * @param completed false while the STT engine may still revise it (a later segment with the same
 *     {@code segmentId} replaces it)
 * @param segmentId stable id of the segment within its session (revisions share it), or null
 */
public record Segment(
    double start,
    double end,
    @Nullable String speaker,
    String text,
    @Nullable String language,
    boolean completed,
    @Nullable String segmentId) {}
