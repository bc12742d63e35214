package io.budai.voice.realtime;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An ephemeral OpenAI Realtime client secret for a browser.
 *
 * @param clientSecret the {@code ek_…} secret: the browser's bearer token for the session
 * @param expiresAt when it stops working
 * @param sessionId OpenAI's id of the session, when it said
 * @param type {@code transcription}
 * @param model the transcription model
 * @param websocketUrl where a WebSocket client connects (subprotocols {@code realtime} and {@code
 *     openai-insecure-api-key.<secret>})
 * @param webrtcUrl where a WebRTC client posts its SDP offer ({@code Authorization: Bearer
 *     <secret>})
 */
record SessionToken(
    String clientSecret,
    Instant expiresAt,
    @Nullable String sessionId,
    String type,
    String model,
    String websocketUrl,
    String webrtcUrl) {}
