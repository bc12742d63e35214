package io.budai.platform.bus;

/** The bus could not do what was asked: Redis is unreachable, or it timed out. */
public class EventBusException extends RuntimeException {

  public EventBusException(String message, Throwable cause) {
    super(message, cause);
  }

  public EventBusException(String message) {
    super(message);
  }
}
