package io.budai.gateway.problems;

import io.budai.platform.web.ProblemException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problems ({@code application/problem+json}) from the gateway's own filters. */
public final class Problems {

  private final JsonMapper json;

  public Problems(JsonMapper json) {
    this.json = json;
  }

  /** A problem with BudAI's stable {@code type} ({@code https://budai.dev/problems/<slug>}). */
  public static ProblemDetail problem(
      HttpStatusCode status, String slug, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(ProblemException.TYPE_BASE + slug));
    problem.setTitle(title);
    return problem;
  }

  /** Ends the exchange with {@code problem} and the given extra response headers. */
  public Mono<Void> write(
      ServerWebExchange exchange, ProblemDetail problem, Map<String, String> headers) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.error(
          new IllegalStateException("Response already committed: " + problem.getDetail()));
    }
    if (problem.getInstance() == null) {
      problem.setInstance(URI.create(safePath(exchange.getRequest().getPath().value())));
    }
    response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    headers.forEach(response.getHeaders()::set);
    byte[] bytes = json.writeValueAsBytes(problem);
    DataBuffer buffer = response.bufferFactory().wrap(bytes);
    return response.writeWith(Mono.just(buffer));
  }

  public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
    return write(exchange, problem, Map.of());
  }

  private static String safePath(String path) {
    String cleaned = path.replaceAll("[^A-Za-z0-9/._~%-]", "");
    return new String(cleaned.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
