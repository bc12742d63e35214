package io.budai.gateway.ratelimit;

import io.budai.gateway.auth.EdgeAuthFilter;
import io.budai.gateway.auth.KeyIdentity;
import io.budai.gateway.problems.Problems;
import io.budai.gateway.routes.Access;
import io.budai.gateway.routes.GatewayRoute;
import java.net.InetSocketAddress;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Applies the route class's rate limit to the caller: per API key on API-key routes, one bucket for
 * the admin token on admin routes, per client address on open routes. Every answer carries {@code
 * RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset} and {@code
 * RateLimit-Policy}; a refusal is a 429 problem with {@code Retry-After}. When Redis cannot be
 * reached the request passes (the limiter fails open; authentication does not).
 */
class RateLimitFilter implements GlobalFilter, Ordered {

  private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

  private final LeasedRateLimiter limiter;
  private final RateLimitProperties properties;
  private final Problems problems;

  RateLimitFilter(LeasedRateLimiter limiter, RateLimitProperties properties, Problems problems) {
    this.limiter = limiter;
    this.properties = properties;
    this.problems = problems;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    GatewayRoute route = GatewayRoute.of(exchange);
    if (!properties.enabled() || route == null) {
      return chain.filter(exchange);
    }
    RateLimitProperties.Limit limit = properties.limitOf(route.rateClass());
    if (limit.requests() <= 0) {
      return chain.filter(exchange);
    }
    String subject = subject(exchange, route);
    LeasedRateLimiter.Decision local = limiter.tryLocally(route.rateClass(), subject);
    if (local != null) {
      return decide(exchange, chain, route, limit, local);
    }
    return limiter
        .acquire(route.rateClass(), subject, limit.requests(), limit.period())
        .map(java.util.Optional::of)
        .onErrorResume(
            e -> {
              log.warn("Rate limiter unavailable, letting the request pass: {}", e.toString());
              return Mono.just(java.util.Optional.empty());
            })
        .flatMap(
            maybe ->
                maybe.isEmpty()
                    ? chain.filter(exchange)
                    : decide(exchange, chain, route, limit, maybe.get()));
  }

  private Mono<Void> decide(
      ServerWebExchange exchange,
      GatewayFilterChain chain,
      GatewayRoute route,
      RateLimitProperties.Limit limit,
      LeasedRateLimiter.Decision decision) {
    HttpHeaders headers = exchange.getResponse().getHeaders();
    headers.set("RateLimit-Limit", limit.requestsHeader());
    headers.set("RateLimit-Remaining", String.valueOf(Math.max(0, decision.remaining())));
    headers.set("RateLimit-Reset", String.valueOf(ceilSeconds(decision.reset().toMillis())));
    headers.set("RateLimit-Policy", limit.policyHeader());
    if (decision.allowed()) {
      return chain.filter(exchange);
    }
    long retryAfter = Math.max(1, ceilSeconds(decision.retryAfter().toMillis()));
    return problems.write(
        exchange,
        Problems.problem(
            HttpStatus.TOO_MANY_REQUESTS,
            "rate-limited",
            "Too many requests",
            "Rate limit of "
                + limit.requests()
                + " requests per "
                + limit.period().toSeconds()
                + " s reached for this "
                + (route.access() == Access.API_KEY ? "API key" : "client")
                + "; retry in "
                + retryAfter
                + " s."),
        Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter)));
  }

  private static String subject(ServerWebExchange exchange, GatewayRoute route) {
    KeyIdentity identity = exchange.getAttribute(KeyIdentity.ATTRIBUTE);
    if (identity != null) {
      return "key:" + identity.keyHash();
    }
    if (route.access() == Access.ADMIN) {
      return "admin";
    }
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    return "ip:"
        + (remote == null || remote.getAddress() == null
            ? "unknown"
            : remote.getAddress().getHostAddress());
  }

  private static long ceilSeconds(long millis) {
    return (millis + 999) / 1000;
  }

  @Override
  public int getOrder() {
    return EdgeAuthFilter.ORDER + 100;
  }
}
