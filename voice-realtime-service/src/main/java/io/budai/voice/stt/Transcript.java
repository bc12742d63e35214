package io.budai.voice.stt;

import org.jspecify.annotations.Nullable;

/**
 * One piece of text an engine recognised, in session time.
 *
 * @param key stable within the session: a later transcript with the same key replaces this one (a
 *     draft's final version keeps the draft's key)
 * @param start seconds from the start of the session
 * @param end seconds from the start of the session
 * @param text the words
 * @param speaker the engine's speaker label (diarization index), or null when it has none
 * @param language detected or requested language, or null
 * @param completed false for a draft that may still change, true when final
 */
public record Transcript(
    String key,
    double start,
    double end,
    String text,
    @Nullable Integer speaker,
    @Nullable String language,
    boolean completed) {}
