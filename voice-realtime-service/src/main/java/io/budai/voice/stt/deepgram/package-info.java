/** The Deepgram live-streaming engine (a JDK WebSocket client of {@code /v1/listen}). */
@NullMarked
package io.budai.voice.stt.deepgram;

import org.jspecify.annotations.NullMarked;
