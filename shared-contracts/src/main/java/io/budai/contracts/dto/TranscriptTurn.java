package io.budai.contracts.dto;

import org.jspecify.annotations.Nullable;

/**
 * One turn of a transcript sent to {@code POST /summarize}.
 *
 * @param speaker who spoke
 * @param text what was said
 * @param start seconds from the meeting's start, when known
 * @param end seconds from the meeting's start, when known
 */
public record TranscriptTurn(
    @Nullable String speaker,
    @Nullable String text,
    @Nullable Double start,
    @Nullable Double end) {}
