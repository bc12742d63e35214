package io.budai.voice.auth;

import io.budai.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * Another BudAI service that this one needs could not be reached: a 503 problem over HTTP, close
 * code 1013 (try again later) on a stream.
 */
public class ServiceUnavailableException extends ProblemException {

  private final String service;

  public ServiceUnavailableException(String service, Throwable cause) {
    super(
        HttpStatus.SERVICE_UNAVAILABLE,
        "dependency-unavailable",
        "Service unavailable",
        service + " is unavailable; try again shortly.",
        cause);
    this.service = service;
  }

  /** The service's name. */
  public String service() {
    return service;
  }
}
