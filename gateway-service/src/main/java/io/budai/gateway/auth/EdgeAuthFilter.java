package io.budai.gateway.auth;

import io.budai.contracts.BudaiHeaders;
import io.budai.gateway.problems.Problems;
import io.budai.gateway.routes.GatewayRoute;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Authentication and authorisation at the edge, deny by default. For every routed request it
 * removes what a client must never send downstream ({@code X-User-Id}, {@code X-User-Scopes},
 * {@code X-Internal-Token}), then enforces the route's declared credential:
 *
 * <ul>
 *   <li>{@code none}: forwarded as is, without the internal token;
 *   <li>{@code admin}: {@code X-Admin-API-Key} equal to {@code ADMIN_API_TOKEN} (constant time),
 *       else 401;
 *   <li>{@code api-key}: a valid, unexpired, unrevoked {@code X-API-Key} (or {@code ?api_key=} on
 *       WebSocket routes), else 401; none of the route's scopes, 403.
 * </ul>
 *
 * Authenticated requests go downstream with {@code X-Internal-Token}, and API-key requests with the
 * resolved {@code X-User-Id} and {@code X-User-Scopes}; the keys themselves are not forwarded.
 */
public class EdgeAuthFilter implements GlobalFilter, Ordered {

  /** Runs before rate limiting, body limits and routing. */
  public static final int ORDER = -500;

  private static final String QUERY_KEY = "api_key";

  private final ApiKeyResolver resolver;
  private final Problems problems;
  private final String internalTokenValue;
  private final byte @Nullable [] adminTokenDigest;

  EdgeAuthFilter(
      ApiKeyResolver resolver,
      Problems problems,
      String internalToken,
      @Nullable String adminToken) {
    this.resolver = resolver;
    this.problems = problems;
    this.internalTokenValue = internalToken;
    this.adminTokenDigest =
        adminToken == null || adminToken.isBlank() ? null : Sha256.digest(adminToken.trim());
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    GatewayRoute route = GatewayRoute.of(exchange);
    if (route == null) {
      return problems.write(
          exchange,
          Problems.problem(
              HttpStatus.FORBIDDEN,
              "undeclared-route",
              "Forbidden",
              "This route declares no credential, so nothing may pass it."));
    }
    return switch (route.access()) {
      case NONE -> chain.filter(forward(exchange, null, false));
      case ADMIN -> admin(exchange, chain);
      case API_KEY -> apiKey(exchange, chain, route);
    };
  }

  private Mono<Void> admin(ServerWebExchange exchange, GatewayFilterChain chain) {
    String presented = exchange.getRequest().getHeaders().getFirst(BudaiHeaders.ADMIN_API_KEY);
    if (adminTokenDigest == null) {
      return unauthorized(
          exchange,
          "admin-token-required",
          "The admin API is disabled: ADMIN_API_TOKEN is not set on the gateway.");
    }
    if (presented == null
        || !MessageDigest.isEqual(adminTokenDigest, Sha256.digest(presented.trim()))) {
      return unauthorized(
          exchange, "admin-token-required", "Missing or invalid admin token (X-Admin-API-Key).");
    }
    return chain.filter(forward(exchange, null, true));
  }

  private Mono<Void> apiKey(
      ServerWebExchange exchange, GatewayFilterChain chain, GatewayRoute route) {
    String key = exchange.getRequest().getHeaders().getFirst(BudaiHeaders.API_KEY);
    if ((key == null || key.isBlank()) && route.websocket()) {
      key = exchange.getRequest().getQueryParams().getFirst(QUERY_KEY);
    }
    if (key == null || key.isBlank()) {
      return unauthorized(exchange, "missing-api-key", "Missing API key (X-API-Key header).");
    }
    return resolver
        .resolve(key.trim())
        .flatMap(
            resolution ->
                switch (resolution) {
                  case ApiKeyResolver.Resolution.Invalid invalid ->
                      unauthorized(exchange, invalid.slug(), invalid.detail());
                  case ApiKeyResolver.Resolution.Unavailable unavailable ->
                      problems.write(
                          exchange,
                          Problems.problem(
                              HttpStatus.SERVICE_UNAVAILABLE,
                              "auth-unavailable",
                              "Authentication unavailable",
                              unavailable.detail()),
                          Map.of(HttpHeaders.RETRY_AFTER, "1"));
                  case ApiKeyResolver.Resolution.Valid valid -> {
                    KeyIdentity identity = valid.identity();
                    if (Collections.disjoint(identity.scopes(), route.scopes())) {
                      yield problems.write(
                          exchange,
                          Problems.problem(
                              HttpStatus.FORBIDDEN,
                              "insufficient-scope",
                              "Insufficient scope",
                              "This route needs an API key with scope "
                                  + String.join(" or ", route.scopes().stream().sorted().toList())
                                  + "; this key has "
                                  + (identity.scopes().isEmpty()
                                      ? "none"
                                      : String.join(", ", identity.scopes()))
                                  + "."));
                    }
                    exchange.getAttributes().put(KeyIdentity.ATTRIBUTE, identity);
                    yield chain.filter(forward(exchange, identity, true));
                  }
                });
  }

  /**
   * The request as it goes downstream: client-sent identity headers and credentials removed, the
   * internal token and the resolved identity added.
   */
  private ServerWebExchange forward(
      ServerWebExchange exchange, @Nullable KeyIdentity identity, boolean trusted) {
    ServerHttpRequest.Builder request =
        exchange
            .getRequest()
            .mutate()
            .headers(
                headers -> {
                  headers.remove(BudaiHeaders.USER_ID);
                  headers.remove(BudaiHeaders.USER_SCOPES);
                  headers.remove(BudaiHeaders.INTERNAL_TOKEN);
                  if (trusted) {
                    headers.remove(BudaiHeaders.API_KEY);
                    headers.remove(BudaiHeaders.ADMIN_API_KEY);
                    headers.set(BudaiHeaders.INTERNAL_TOKEN, internalTokenValue);
                  }
                  if (identity != null) {
                    headers.set(BudaiHeaders.USER_ID, identity.userId());
                    headers.set(BudaiHeaders.USER_SCOPES, String.join(",", identity.scopes()));
                  }
                });
    if (trusted && exchange.getRequest().getQueryParams().containsKey(QUERY_KEY)) {
      request.uri(
          UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
              .replaceQueryParam(QUERY_KEY, List.of())
              .build(true)
              .toUri());
    }
    return exchange.mutate().request(request.build()).build();
  }

  private Mono<Void> unauthorized(ServerWebExchange exchange, String slug, String detail) {
    return problems.write(
        exchange,
        Problems.problem(HttpStatus.UNAUTHORIZED, slug, "Unauthorized", detail),
        Map.of(HttpHeaders.WWW_AUTHENTICATE, "ApiKey"));
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
