package io.budai.voice.stt;

import io.budai.voice.vad.SpeechGate;
import java.time.Duration;

/**
 * One stream's connection to an engine. It receives the stream's frames in order, already marked
 * speech or not by the {@link SpeechGate}, on the stream's worker thread; sample positions count
 * from the start of the session.
 */
public interface SttSession extends SpeechGate.Sink {

  /** Time passes without audio (called at least every tick); engines send keep-alives here. */
  void tick(long nanoTime);

  /**
   * Flushes: asks the engine for the final results of everything sent and waits for them (at most
   * {@code timeout}); then the session is closed.
   */
  void finish(Duration timeout);

  /** Drops the session without waiting for results. */
  void abort();
}
