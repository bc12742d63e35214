package io.budai.gateway.routes;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Builds Spring Cloud Gateway routes from the {@link RouteTable}, and refuses to start when any
 * route the gateway knows (including one added through {@code spring.cloud.gateway.server.webflux.
 * routes}) carries no access declaration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RouteTableProperties.class)
class RouteConfiguration {

  @Bean
  DownstreamCorrelationIdFilter downstreamCorrelationIdFilter() {
    return new DownstreamCorrelationIdFilter();
  }

  @Bean
  RouteTable routeTable(RouteTableProperties properties) {
    return RouteTable.from(properties);
  }

  @Bean
  RouteLocator budaiRoutes(RouteLocatorBuilder builder, RouteTable table) {
    RouteLocatorBuilder.Builder routes = builder.routes();
    int order = 0;
    for (GatewayRoute route : table.routes()) {
      int routeOrder = order++;
      routes.route(
          route.id(),
          r -> {
            var spec =
                r.order(routeOrder)
                    .path(route.paths().stream().map(Object::toString).toArray(String[]::new));
            if (!route.methods().isEmpty()) {
              spec = spec.and().method(route.methods().toArray(HttpMethod[]::new));
            }
            spec.metadata(GatewayRoute.METADATA_KEY, route);
            if (route.responseTimeout() != null) {
              spec.metadata(
                  RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, route.responseTimeout().toMillis());
            }
            return spec.uri(route.uri());
          });
    }
    return routes.build();
  }

  /** Deny by default, checked once at start-up over every route of every locator. */
  @Bean
  SmartInitializingSingleton everyRouteDeclaresItsAccess(List<RouteLocator> locators) {
    return () -> {
      List<String> undeclared = new ArrayList<>();
      for (RouteLocator locator : locators) {
        List<Route> routes = locator.getRoutes().collectList().block();
        if (routes == null) {
          continue;
        }
        for (Route route : routes) {
          if (GatewayRoute.of(route) == null) {
            undeclared.add(route.getId());
          }
        }
      }
      if (!undeclared.isEmpty()) {
        throw new IllegalStateException(
            "Gateway routes without an access declaration (declare them in budai.gateway.routes): "
                + undeclared);
      }
    };
  }
}
