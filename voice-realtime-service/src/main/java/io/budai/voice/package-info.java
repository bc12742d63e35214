/** voice-realtime-service: Live audio ingest, speech-to-text and realtime session tokens. */
@NullMarked
package io.budai.voice;

import org.jspecify.annotations.NullMarked;
