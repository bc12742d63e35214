package io.budai.platform.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A domain error that becomes an RFC 9457 problem response with a stable {@code type} URI ({@value
 * #TYPE_BASE} + slug). Services extend it or throw it directly.
 */
public class ProblemException extends ErrorResponseException {

  /** Base of every problem {@code type} URI. */
  public static final String TYPE_BASE = "https://budai.dev/problems/";

  public ProblemException(HttpStatusCode status, String slug, String title, String detail) {
    this(status, slug, title, detail, Map.of());
  }

  public ProblemException(
      HttpStatusCode status,
      String slug,
      String title,
      String detail,
      Map<String, Object> properties) {
    super(status, problem(status, slug, title, detail, properties), null);
  }

  public ProblemException(
      HttpStatusCode status, String slug, String title, String detail, Throwable cause) {
    super(status, problem(status, slug, title, detail, Map.of()), cause);
  }

  private static ProblemDetail problem(
      HttpStatusCode status,
      String slug,
      String title,
      String detail,
      Map<String, Object> properties) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + slug));
    problem.setTitle(title);
    properties.forEach(problem::setProperty);
    return problem;
  }
}
