package io.budai.voice.segments;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One transcription session: what a stream announces in {@code session_start} and repeats in every
 * entry it writes to {@code budai:segments}.
 *
 * @param uid the session's uid
 * @param meetingId the meeting the transcript belongs to
 * @param userId the meeting's owner
 * @param platform the meeting's platform
 * @param nativeMeetingId the platform's id of the meeting
 * @param language the stream's language, or null
 * @param model the engine and model that produce the text ({@code deepgram:nova-3}, {@code text})
 * @param startedAt when the session started (segment times count from here)
 */
public record TranscriptSession(
    String uid,
    String meetingId,
    String userId,
    String platform,
    String nativeMeetingId,
    @Nullable String language,
    String model,
    Instant startedAt) {}
