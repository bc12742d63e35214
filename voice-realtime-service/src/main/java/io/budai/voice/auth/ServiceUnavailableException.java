package io.budai.voice.auth;

/** Another BudAI service that a stream needs could not be reached. */
public class ServiceUnavailableException extends RuntimeException {

  private final String service;

  public ServiceUnavailableException(String service, Throwable cause) {
    super(service + " is unavailable: " + cause.getMessage(), cause);
    this.service = service;
  }

  /** The service's name. */
  public String service() {
    return service;
  }
}
