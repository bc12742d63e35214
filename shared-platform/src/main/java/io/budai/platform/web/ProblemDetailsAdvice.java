package io.budai.platform.web;

import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of a servlet service into an RFC 9457 problem: Spring's own exceptions (bad
 * JSON, unsupported media type, missing parameters, 404s) through {@link
 * ResponseEntityExceptionHandler}, validation failures as 400, {@link ProblemException}s as they
 * are, and anything unexpected as a 500 without internals. Ordered last, so a service's own advice
 * wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(ConstraintViolationException.class)
  ProblemDetail constraintViolation(ConstraintViolationException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; ")));
    problem.setType(URI.create(ProblemException.TYPE_BASE + "validation"));
    problem.setTitle("Invalid request");
    return problem;
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("Unhandled error", e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "An unexpected error occurred. Quote correlation id "
                + CorrelationIds.current()
                + " when reporting it.");
    problem.setType(URI.create(ProblemException.TYPE_BASE + "internal"));
    problem.setTitle("Internal error");
    return problem;
  }
}
