package io.budai.gateway.routes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's one route table: downstream services and the routes to them, each with the
 * credential it demands.
 *
 * @param services downstream base URLs by service name (from {@code BUDAI_<SERVICE>_URL})
 * @param routes the routes, matched in this order (first match wins)
 */
@ConfigurationProperties("budai.gateway")
public record RouteTableProperties(Map<String, String> services, List<RouteSpec> routes) {

  public RouteTableProperties {
    services = services == null ? Map.of() : Map.copyOf(services);
    routes = routes == null ? List.of() : List.copyOf(routes);
  }

  /**
   * One route.
   *
   * @param id stable name (metrics, logs, the route × credential test matrix)
   * @param service the downstream service name, a key of {@code services}
   * @param paths Spring path patterns ({@code /bots/**}, {@code /meetings/{id}/brief})
   * @param methods HTTP methods; empty means every method
   * @param access the credential the route demands: {@code none}, {@code api-key}, {@code admin}; a
   *     route without one fails start-up
   * @param scopes for {@code api-key}: the scopes of which the key needs at least one
   * @param rateClass the rate-limit class ({@code budai.gateway.rate-limits.<class>})
   * @param websocket whether the route carries WebSocket upgrades (the key may then come in the
   *     {@code api_key} query parameter, which browsers can send)
   * @param responseTimeout time limit of a downstream response on this route; default {@code
   *     budai.gateway.response-timeout}
   */
  public record RouteSpec(
      @Nullable String id,
      @Nullable String service,
      @Nullable List<String> paths,
      @Nullable List<String> methods,
      @Nullable Access access,
      @Nullable List<String> scopes,
      @Nullable String rateClass,
      boolean websocket,
      @Nullable Duration responseTimeout) {}
}
