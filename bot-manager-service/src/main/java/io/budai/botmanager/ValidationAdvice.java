package io.budai.botmanager;

import io.budai.platform.web.ProblemException;
import java.net.URI;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * A request body that is not valid JSON, has fields of the wrong type or breaks a constraint is 422
 * with every field error listed, as Vexa (FastAPI) answers; the rest is the platform's.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ValidationAdvice {

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ProblemDetail invalidBody(MethodArgumentNotValidException e) {
    return problem(
        e.getBindingResult().getFieldErrors().stream()
            .map(error -> snake(error.getField()) + ": " + error.getDefaultMessage())
            .sorted()
            .collect(Collectors.joining("; ")));
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ProblemDetail invalidParameters(HandlerMethodValidationException e) {
    return problem(
        e.getAllErrors().stream()
            .map(error -> String.valueOf(error.getDefaultMessage()))
            .sorted()
            .collect(Collectors.joining("; ")));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    return problem("The body is not valid JSON or a field has the wrong type.");
  }

  private static ProblemDetail problem(String detail) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
    problem.setType(URI.create(ProblemException.TYPE_BASE + "validation"));
    problem.setTitle("Invalid request");
    return problem;
  }

  private static String snake(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
