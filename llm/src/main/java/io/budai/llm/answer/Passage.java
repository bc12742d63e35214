package io.budai.llm.answer;

import org.jspecify.annotations.Nullable;

/**
 * A stretch of transcript retrieved for a question.
 *
 * @param id the id of its first segment (what a citation names)
 * @param meetingId the meeting it comes from
 * @param speaker who said it
 * @param start seconds from the meeting's start, when known
 * @param end seconds from the meeting's start, when known
 * @param text the words (cleaned)
 * @param score retrieval score
 */
public record Passage(
    String id,
    @Nullable String meetingId,
    String speaker,
    @Nullable Double start,
    @Nullable Double end,
    String text,
    double score) {}
