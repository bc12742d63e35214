package io.budai.orchestrator.workflow;

/**
 * A call to another service failed; names the service and operation for the workflow's error and
 * keeps the original exception (which decides whether the step is retried) as its cause.
 */
public final class DownstreamCallException extends RuntimeException {

  public DownstreamCallException(String service, String operation, RuntimeException cause) {
    super(service + " " + operation + ": " + describe(cause), cause);
  }

  static String describe(Throwable e) {
    if (e instanceof org.springframework.web.client.RestClientResponseException response) {
      String body = response.getResponseBodyAsString();
      if (body.length() > 300) {
        body = body.substring(0, 300) + "…";
      }
      return response.getStatusCode().value()
          + " "
          + response.getStatusText()
          + (body.isBlank() ? "" : " " + body.strip());
    }
    if (e instanceof io.budai.platform.web.ProblemException problem
        && problem.getBody().getDetail() != null) {
      return problem.getBody().getDetail();
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
