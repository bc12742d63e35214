/**
 * Speech-to-text behind one interface: {@link io.budai.voice.stt.SttEngine} opens a {@link
 * io.budai.voice.stt.SttSession} per stream, which reports {@link io.budai.voice.stt.Transcript}s.
 */
@NullMarked
package io.budai.voice.stt;

import org.jspecify.annotations.NullMarked;
