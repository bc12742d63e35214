package io.budai.gateway.problems;

import io.budai.platform.web.CorrelationIds;
import io.budai.platform.web.ReactiveCorrelationIdFilter;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The gateway's error advice: every error that escapes a handler or filter becomes an RFC 9457
 * problem — no route (404), downstream time-out (504), downstream unreachable (502), anything
 * Spring raises with a status, and the unexpected as a 500 without internals. Runs before Boot's
 * default handler.
 */
@Order(-3)
public class ProblemWebExceptionHandler implements WebExceptionHandler, Ordered {

  private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

  private final Problems problems;

  public ProblemWebExceptionHandler(Problems problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(error);
    }
    ProblemDetail problem = toProblem(exchange, error);
    exchange.getResponse().getHeaders().clear();
    Object correlationId = exchange.getAttribute(ReactiveCorrelationIdFilter.ATTRIBUTE);
    if (correlationId != null) {
      exchange
          .getResponse()
          .getHeaders()
          .set(io.budai.contracts.BudaiHeaders.CORRELATION_ID, correlationId.toString());
    }
    return problems.write(exchange, problem, Map.of());
  }

  /** The problem that answers {@code error}. */
  static ProblemDetail toProblem(ServerWebExchange exchange, Throwable error) {
    if (error instanceof ErrorResponse response && !(error instanceof ResponseStatusException)) {
      return response.getBody();
    }
    if (error instanceof ResponseStatusException status) {
      return fromStatus(status);
    }
    Throwable root = rootCause(error);
    if (root instanceof TimeoutException) {
      return Problems.problem(
          HttpStatus.GATEWAY_TIMEOUT,
          "downstream-timeout",
          "Downstream timed out",
          "The service behind this route did not answer in time.");
    }
    if (root instanceof ConnectException
        || root instanceof java.nio.channels.ClosedChannelException
        || root.getClass()
            .getName()
            .startsWith("reactor.netty.http.client.PrematureCloseException")) {
      return Problems.problem(
          HttpStatus.BAD_GATEWAY,
          "downstream-unreachable",
          "Downstream unreachable",
          "The service behind this route cannot be reached.");
    }
    log.error("Unhandled gateway error on {}", exchange.getRequest().getPath(), error);
    return Problems.problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal",
        "Internal error",
        "An unexpected error occurred. Quote correlation id "
            + exchange.getAttributeOrDefault(
                ReactiveCorrelationIdFilter.ATTRIBUTE, CorrelationIds.current())
            + " when reporting it.");
  }

  private static ProblemDetail fromStatus(ResponseStatusException error) {
    HttpStatusCode status = error.getStatusCode();
    if (status.value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
      return Problems.problem(
          status,
          "downstream-timeout",
          "Downstream timed out",
          "The service behind this route did not answer in time.");
    }
    if (status.value() == HttpStatus.NOT_FOUND.value()) {
      return Problems.problem(
          status, "not-found", "Not found", "No route or resource matches this request.");
    }
    ProblemDetail body = error.getBody();
    if (body.getType() == null || "about:blank".equals(body.getType().toString())) {
      HttpStatus known = HttpStatus.resolve(status.value());
      String slug =
          known == null ? "http-" + status.value() : known.name().toLowerCase().replace('_', '-');
      body.setType(java.net.URI.create(io.budai.platform.web.ProblemException.TYPE_BASE + slug));
    }
    if (status.is5xxServerError()) {
      body.setDetail(body.getTitle());
    }
    return body;
  }

  private static Throwable rootCause(Throwable error) {
    Throwable current = error;
    while (current.getCause() != null && current.getCause() != current) {
      if (current instanceof TimeoutException || current instanceof ConnectException) {
        return current;
      }
      current = current.getCause();
    }
    return current;
  }

  @Override
  public int getOrder() {
    return -3;
  }
}
