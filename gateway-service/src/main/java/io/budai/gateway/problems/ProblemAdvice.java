package io.budai.gateway.problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/**
 * WebFlux hands errors raised during dispatch — by the gateway's filters and routing as well as by
 * controllers — to controller advice first; this one maps them exactly like {@link
 * ProblemWebExceptionHandler}, ahead of Boot's generic problem advice.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemAdvice {

  @ExceptionHandler(Throwable.class)
  ResponseEntity<ProblemDetail> handle(Throwable error, ServerWebExchange exchange) {
    ProblemDetail problem = ProblemWebExceptionHandler.toProblem(exchange, error);
    if (problem.getInstance() == null) {
      problem.setInstance(
          java.net.URI.create(
              exchange.getRequest().getPath().value().replaceAll("[^A-Za-z0-9/._~%-]", "")));
    }
    return ResponseEntity.status(HttpStatusCode.valueOf(problem.getStatus()))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
