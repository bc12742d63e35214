package io.budai.contracts.dto;

import org.jspecify.annotations.Nullable;

/**
 * A transcript passage an answer rests on.
 *
 * @param meetingId the meeting
 * @param segmentId the first segment of the passage
 * @param speaker who said it
 * @param start seconds from the meeting's start, when known
 * @param end seconds from the meeting's start, when known
 * @param text the passage
 */
public record Citation(
    @Nullable String meetingId,
    String segmentId,
    String speaker,
    @Nullable Double start,
    @Nullable Double end,
    String text) {}
