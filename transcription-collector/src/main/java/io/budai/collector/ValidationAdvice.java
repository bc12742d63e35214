package io.budai.collector;

import io.budai.platform.web.ProblemException;
import java.net.URI;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * Invalid request bodies are 422 with every field error listed, as Vexa (FastAPI) answers them; the
 * rest of the error handling is the platform's.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ValidationAdvice {

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ProblemDetail invalidBody(MethodArgumentNotValidException e) {
    return problem(
        e.getBindingResult().getFieldErrors().stream()
            .map(error -> error.getField() + ": " + error.getDefaultMessage())
            .sorted()
            .collect(Collectors.joining("; ")));
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ProblemDetail invalidParameters(HandlerMethodValidationException e) {
    return problem(
        e.getAllErrors().stream()
            .map(error -> error.getDefaultMessage())
            .sorted()
            .collect(Collectors.joining("; ")));
  }

  private static ProblemDetail problem(String detail) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
    problem.setType(URI.create(ProblemException.TYPE_BASE + "validation"));
    problem.setTitle("Invalid request");
    return problem;
  }
}
