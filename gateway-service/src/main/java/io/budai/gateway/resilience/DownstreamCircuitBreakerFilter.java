package io.budai.gateway.resilience;

import io.budai.gateway.auth.EdgeAuthFilter;
import io.budai.gateway.problems.Problems;
import io.budai.gateway.routes.GatewayRoute;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One resilience4j circuit breaker per downstream service ({@code gateway.<service>}, exported to
 * Prometheus with the platform's breaker metrics). A call fails when it errors or times out or the
 * service answers 500, 502, 503 or 504; while the breaker is open the gateway answers 503 problems
 * at once, with {@code Retry-After}, instead of piling requests onto a failing service.
 */
class DownstreamCircuitBreakerFilter implements GlobalFilter, Ordered {

  private final CircuitBreakerRegistry registry;
  private final CircuitBreakerConfig config;
  private final Problems problems;
  private final Duration openStateWait;

  DownstreamCircuitBreakerFilter(
      CircuitBreakerRegistry registry,
      ResilienceProperties.CircuitBreaker settings,
      Problems problems) {
    this.registry = registry;
    this.problems = problems;
    this.openStateWait = settings.openStateWait();
    this.config =
        CircuitBreakerConfig.custom()
            .failureRateThreshold(settings.failureRateThreshold())
            .slidingWindowSize(settings.slidingWindowSize())
            .minimumNumberOfCalls(settings.minimumNumberOfCalls())
            .waitDurationInOpenState(settings.openStateWait())
            .permittedNumberOfCallsInHalfOpenState(3)
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .build();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    GatewayRoute route = GatewayRoute.of(exchange);
    if (route == null) {
      return chain.filter(exchange);
    }
    CircuitBreaker breaker = registry.circuitBreaker("gateway." + route.service(), config);
    if (!breaker.tryAcquirePermission()) {
      return problems.write(
          exchange,
          Problems.problem(
              HttpStatus.SERVICE_UNAVAILABLE,
              "circuit-open",
              "Service unavailable",
              "The "
                  + route.service()
                  + " service is failing; calls to it are paused briefly (circuit open)."),
          Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, openStateWait.toSeconds()))));
    }
    long start = breaker.getCurrentTimestamp();
    return chain
        .filter(exchange)
        .doOnSuccess(
            ignored -> {
              long elapsed = breaker.getCurrentTimestamp() - start;
              HttpStatusCode status = exchange.getResponse().getStatusCode();
              if (status != null && isFailure(status.value())) {
                breaker.onError(
                    elapsed, breaker.getTimestampUnit(), new DownstreamFailure(status.value()));
              } else {
                breaker.onSuccess(elapsed, breaker.getTimestampUnit());
              }
            })
        .doOnError(
            error -> {
              if (isDownstreamFailure(error)) {
                breaker.onError(
                    breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), error);
              } else {
                // The client's doing (gone away, body over the limit), not the service's.
                breaker.releasePermission();
              }
            })
        .doOnCancel(breaker::releasePermission);
  }

  /** Time-outs, refused or dropped connections and 5xx statuses count against the service. */
  static boolean isDownstreamFailure(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof java.util.concurrent.TimeoutException
          || e instanceof java.net.ConnectException
          || e instanceof io.netty.handler.timeout.ReadTimeoutException
          || e.getClass().getName().equals("reactor.netty.http.client.PrematureCloseException")) {
        return true;
      }
      if (e instanceof ErrorResponse response) {
        return isFailure(response.getStatusCode().value());
      }
    }
    return false;
  }

  private static boolean isFailure(int status) {
    return status == 500 || status == 502 || status == 503 || status == 504;
  }

  /** A downstream answer counted as a failure. */
  static final class DownstreamFailure extends RuntimeException {
    DownstreamFailure(int status) {
      super("HTTP " + status, null, false, false);
    }
  }

  @Override
  public int getOrder() {
    return EdgeAuthFilter.ORDER + 300;
  }
}
