/** The OpenAI-compatible transcription engine: VAD utterances, one request each, in order. */
@NullMarked
package io.budai.voice.stt.openai;

import org.jspecify.annotations.NullMarked;
