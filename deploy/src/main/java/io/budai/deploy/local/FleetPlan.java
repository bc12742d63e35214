package io.budai.deploy.local;

import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every service of one fleet shares: where each service listens, the Redis and PostgreSQL it
 * uses, and the two tokens.
 *
 * @param ports the port of every service, by module
 * @param bindAddress the address services listen on ({@code SERVER_ADDRESS})
 * @param redisUrl {@code REDIS_URL}
 * @param databaseUrl {@code DATABASE_URL} in the {@code postgresql://} form
 * @param adminToken {@code ADMIN_API_TOKEN}
 * @param internalToken {@code BUDAI_INTERNAL_TOKEN}
 */
record FleetPlan(
    Map<String, Integer> ports,
    String bindAddress,
    String redisUrl,
    Optional<String> databaseUrl,
    String adminToken,
    String internalToken) {

  FleetPlan {
    ports = Map.copyOf(ports);
  }

  int port(FleetService service) {
    Integer port = ports.get(service.module());
    if (port == null) {
      throw new IllegalStateException("no port planned for " + service.module());
    }
    return port;
  }

  /** The URL other processes on this machine reach {@code service} at. */
  String url(FleetService service) {
    return "http://" + reachableHost() + ":" + port(service);
  }

  private String reachableHost() {
    return switch (bindAddress) {
      case "0.0.0.0", "::", "[::]", "" -> "127.0.0.1";
      default -> bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    };
  }

  /**
   * The variables {@code budai env} prints and every service gets: the gateway URL, the tokens,
   * Redis, PostgreSQL, and {@code BUDAI_<MODULE>_URL} of every service, in that order.
   */
  Map<String, String> sharedVariables() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put(ServiceCatalog.GATEWAY_URL_VARIABLE, url(ServiceCatalog.GATEWAY));
    variables.put("ADMIN_API_TOKEN", adminToken);
    variables.put("BUDAI_INTERNAL_TOKEN", internalToken);
    variables.put("REDIS_URL", redisUrl);
    databaseUrl.ifPresent(url -> variables.put("DATABASE_URL", url));
    for (FleetService service : ServiceCatalog.SERVICES) {
      variables.put(service.urlVariable(), url(service));
    }
    return variables;
  }
}
