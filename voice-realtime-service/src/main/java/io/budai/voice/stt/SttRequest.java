package io.budai.voice.stt;

import org.jspecify.annotations.Nullable;

/**
 * What an engine needs to know about a stream.
 *
 * @param sessionUid the transcription session's uid (for logs and request tags)
 * @param sampleRate samples per second of the 16-bit little-endian mono PCM
 * @param language BCP-47 language the client named, or null to let the engine decide
 */
public record SttRequest(String sessionUid, int sampleRate, @Nullable String language) {}
