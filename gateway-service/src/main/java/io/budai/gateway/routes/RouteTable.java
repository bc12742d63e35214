package io.budai.gateway.routes;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The validated route table. Validation is strict because the table is the gateway's security
 * boundary: a route without an access declaration, an API-key route without scopes, a scope that
 * does not exist, an unknown service or a malformed URL stops the gateway from starting.
 */
public final class RouteTable {

  /** Scopes an API key can carry. */
  public static final Set<String> KNOWN_SCOPES = Set.of("bot", "tx");

  private final List<GatewayRoute> routes;

  private RouteTable(List<GatewayRoute> routes) {
    this.routes = List.copyOf(routes);
  }

  /** The routes in matching order. */
  public List<GatewayRoute> routes() {
    return routes;
  }

  /** The first route that takes {@code method} on {@code path}, if any. */
  public java.util.Optional<GatewayRoute> match(HttpMethod method, String path) {
    return routes.stream().filter(r -> r.matches(method, path)).findFirst();
  }

  /**
   * Validates the configured table.
   *
   * @throws IllegalStateException naming every problem found
   */
  public static RouteTable from(RouteTableProperties properties) {
    List<String> problems = new ArrayList<>();
    List<GatewayRoute> routes = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    PathPatternParser parser = new PathPatternParser();
    if (properties.routes().isEmpty()) {
      problems.add("budai.gateway.routes is empty");
    }
    for (int i = 0; i < properties.routes().size(); i++) {
      RouteTableProperties.RouteSpec spec = properties.routes().get(i);
      String where = "budai.gateway.routes[" + i + "]";
      String id = spec.id();
      if (id == null || id.isBlank()) {
        problems.add(where + " has no id");
        continue;
      }
      where += " (" + id + ")";
      if (!ids.add(id)) {
        problems.add(where + ": duplicate id");
      }
      if (spec.access() == null) {
        problems.add(where + ": no access declared (none, api-key or admin) — deny by default");
        continue;
      }
      Set<String> scopes = new LinkedHashSet<>();
      if (spec.scopes() != null) {
        spec.scopes().forEach(s -> scopes.add(s.trim().toLowerCase(Locale.ROOT)));
      }
      if (spec.access() == Access.API_KEY && scopes.isEmpty()) {
        problems.add(where + ": api-key access needs at least one scope (bot, tx)");
      }
      if (spec.access() != Access.API_KEY && !scopes.isEmpty()) {
        problems.add(where + ": scopes only apply to api-key access");
      }
      for (String scope : scopes) {
        if (!KNOWN_SCOPES.contains(scope)) {
          problems.add(where + ": unknown scope " + scope);
        }
      }
      String service = spec.service();
      String base = service == null ? null : properties.services().get(service);
      URI uri = null;
      if (service == null || base == null || base.isBlank()) {
        problems.add(where + ": unknown service " + service + " (budai.gateway.services)");
      } else {
        try {
          uri = URI.create(base.trim());
          if (uri.getScheme() == null || uri.getHost() == null) {
            problems.add(where + ": service URL " + base + " needs a scheme and a host");
          }
        } catch (IllegalArgumentException e) {
          problems.add(where + ": malformed service URL " + base);
        }
      }
      List<PathPattern> paths = new ArrayList<>();
      if (spec.paths() == null || spec.paths().isEmpty()) {
        problems.add(where + ": no paths");
      } else {
        for (String path : spec.paths()) {
          try {
            paths.add(parser.parse(path.trim()));
          } catch (RuntimeException e) {
            problems.add(where + ": bad path pattern " + path);
          }
        }
      }
      Set<HttpMethod> methods = new LinkedHashSet<>();
      if (spec.methods() != null) {
        spec.methods()
            .forEach(m -> methods.add(HttpMethod.valueOf(m.trim().toUpperCase(Locale.ROOT))));
      }
      String rateClass =
          spec.rateClass() != null && !spec.rateClass().isBlank()
              ? spec.rateClass().trim()
              : defaultRateClass(spec.access());
      if (uri != null) {
        routes.add(
            new GatewayRoute(
                id,
                service,
                uri,
                paths,
                methods,
                spec.access(),
                Set.copyOf(scopes),
                rateClass,
                spec.websocket(),
                spec.responseTimeout()));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "The gateway route table is invalid:\n  - " + String.join("\n  - ", problems));
    }
    return new RouteTable(routes);
  }

  private static String defaultRateClass(Access access) {
    return switch (access) {
      case NONE -> "public";
      case API_KEY -> "user";
      case ADMIN -> "admin";
    };
  }
}
