package io.budai.voice.stt;

/** An engine could not be reached or refused a stream. */
public class SttException extends RuntimeException {

  public SttException(String message) {
    super(message);
  }

  public SttException(String message, Throwable cause) {
    super(message, cause);
  }
}
