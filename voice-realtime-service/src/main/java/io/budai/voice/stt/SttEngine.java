package io.budai.voice.stt;

/**
 * A speech-to-text engine. Each audio stream opens its own {@link SttSession}; the engine holds
 * what the sessions share (HTTP clients, credentials).
 */
public interface SttEngine {

  /** Short name that appears in metrics, logs and the {@code model} of a session. */
  String name();

  /** The model the engine asks for. */
  String model();

  /**
   * Opens a session for one stream.
   *
   * @throws SttException when the engine cannot be reached or refuses the stream
   */
  SttSession open(SttRequest request, SttListener listener);
}
