package io.budai.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.gateway.problems.Problems;
import io.budai.gateway.routes.Access;
import io.budai.gateway.routes.GatewayRoute;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the filter makes of the limiter's answers: headers on a pass, a 429 problem on a refusal,
 * and a pass without headers when the shared limit cannot be reached (fail open).
 */
class RateLimitFilterTests {

  final AtomicInteger forwarded = new AtomicInteger();
  final GatewayFilterChain chain =
      exchange -> {
        forwarded.incrementAndGet();
        return Mono.empty();
      };

  static RedisRateLimiter answering(Mono<RedisRateLimiter.Grant> answer) {
    return new RedisRateLimiter(null) {
      @Override
      Mono<Grant> reserve(
          String rateClass, String subject, int requests, Duration period, long want, long refund) {
        return answer;
      }
    };
  }

  static RateLimitFilter filter(RedisRateLimiter redis) {
    RateLimitProperties properties =
        new RateLimitProperties(
            true,
            Map.of("user", new RateLimitProperties.Limit(10, Duration.ofMinutes(1))),
            new RateLimitProperties.Lease(
                Duration.ofSeconds(1), Duration.ofMillis(50), 0.05, 1000));
    return new RateLimitFilter(
        new LeasedRateLimiter(
            redis, Duration.ofSeconds(1), Duration.ofMillis(50), 0.05, 1000, System::nanoTime),
        properties,
        new Problems(JsonMapper.builder().build()));
  }

  static MockServerWebExchange exchange() {
    GatewayRoute declared =
        new GatewayRoute(
            "meetings",
            "transcription-collector",
            URI.create("http://127.0.0.1:1"),
            List.of(),
            Set.of(),
            Access.NONE,
            Set.of(),
            "user",
            false,
            null);
    Route route =
        Route.async()
            .id("meetings")
            .uri(URI.create("http://127.0.0.1:1"))
            .predicate(exchange -> true)
            .metadata(GatewayRoute.METADATA_KEY, declared)
            .build();
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.get("/meetings").build());
    exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
    return exchange;
  }

  @Test
  void aPassCarriesTheRateLimitHeaders() {
    MockServerWebExchange exchange = exchange();
    filter(
            answering(
                Mono.just(
                    new RedisRateLimiter.Grant(1, 7, Duration.ZERO, Duration.ofMillis(18_000)))))
        .filter(exchange, chain)
        .block();
    assertThat(forwarded).hasValue(1);
    assertThat(exchange.getResponse().getHeaders().getFirst("RateLimit-Limit")).isEqualTo("10");
    assertThat(exchange.getResponse().getHeaders().getFirst("RateLimit-Remaining")).isEqualTo("7");
    assertThat(exchange.getResponse().getHeaders().getFirst("RateLimit-Reset")).isEqualTo("18");
    assertThat(exchange.getResponse().getHeaders().getFirst("RateLimit-Policy"))
        .isEqualTo("10;w=60");
  }

  @Test
  void aRefusalIsA429ProblemWithRetryAfterAndNothingGoesDownstream() {
    MockServerWebExchange exchange = exchange();
    filter(
            answering(
                Mono.just(
                    new RedisRateLimiter.Grant(
                        0, 0, Duration.ofMillis(5_500), Duration.ofMillis(60_000)))))
        .filter(exchange, chain)
        .block();
    assertThat(forwarded).hasValue(0);
    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("6");
    assertThat(exchange.getResponse().getHeaders().getFirst("RateLimit-Remaining")).isEqualTo("0");
    assertThat(exchange.getResponse().getHeaders().getContentType())
        .hasToString("application/problem+json");
    assertThat(exchange.getResponse().getBodyAsString().block())
        .contains("\"type\":\"https://budai.dev/problems/rate-limited\"")
        .contains("Rate limit of 10 requests per 60 s reached for this client");
  }

  @Test
  void whenTheSharedLimitCannotBeReachedTheRequestPassesWithoutHeaders() {
    MockServerWebExchange exchange = exchange();
    filter(answering(Mono.error(new IllegalStateException("Redis is down"))))
        .filter(exchange, chain)
        .block();
    assertThat(forwarded).hasValue(1);
    assertThat(exchange.getResponse().getStatusCode()).isNull();
    assertThat(exchange.getResponse().getHeaders().getFirst("RateLimit-Limit")).isNull();
  }
}
