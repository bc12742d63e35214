package io.budai.gateway.routes;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * A validated route of the table: where it goes and what it demands. Attached to the Spring Cloud
 * Gateway route as metadata {@value #METADATA_KEY}, where the edge filters read it.
 */
public record GatewayRoute(
    String id,
    String service,
    URI uri,
    List<PathPattern> paths,
    Set<HttpMethod> methods,
    Access access,
    Set<String> scopes,
    String rateClass,
    boolean websocket,
    @Nullable Duration responseTimeout) {

  /** Route metadata key under which the gateway route carries its {@link GatewayRoute}. */
  public static final String METADATA_KEY = "budai.route";

  /** The declaration of the route an exchange was matched to, or null. */
  public static @Nullable GatewayRoute of(ServerWebExchange exchange) {
    Route route =
        exchange.getAttribute(
            org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
    return route == null ? null : of(route);
  }

  /** The declaration a gateway route carries, or null for an undeclared route. */
  public static @Nullable GatewayRoute of(Route route) {
    return route.getMetadata().get(METADATA_KEY) instanceof GatewayRoute declared ? declared : null;
  }

  /** Whether the route takes {@code method} on {@code path} (a request path). */
  public boolean matches(HttpMethod method, String path) {
    if (!methods.isEmpty() && !methods.contains(method)) {
      return false;
    }
    org.springframework.http.server.PathContainer container =
        org.springframework.http.server.PathContainer.parsePath(path);
    return paths.stream().anyMatch(p -> p.matches(container));
  }
}
