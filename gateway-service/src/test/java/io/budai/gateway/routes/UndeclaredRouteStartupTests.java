package io.budai.gateway.routes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budai.gateway.GatewayServiceApplication;
import io.budai.test.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Deny by default at start-up: the gateway does not start with an undeclared route. */
class UndeclaredRouteStartupTests {

  /** Starts the gateway with {@code properties} as command-line arguments (they win over YAML). */
  private static void start(String... properties) {
    String[] args = new String[properties.length + 2];
    args[0] = "--server.port=0";
    args[1] = "--spring.data.redis.url=" + TestInfrastructure.redisUrl();
    for (int i = 0; i < properties.length; i++) {
      args[i + 2] = "--" + properties[i];
    }
    new SpringApplicationBuilder(GatewayServiceApplication.class).run(args).close();
  }

  @Test
  void refusesToStartWithARouteOfTheTableWithoutAccess() {
    assertThatThrownBy(
            () ->
                start(
                    "budai.gateway.routes[0].id=open",
                    "budai.gateway.routes[0].service=admin-service",
                    "budai.gateway.routes[0].paths[0]=/open/**"))
        .hasStackTraceContaining("no access declared");
  }

  @Test
  void refusesToStartWithASpringCloudGatewayRouteOutsideTheTable() {
    assertThatThrownBy(
            () ->
                start(
                    "spring.cloud.gateway.server.webflux.routes[0].id=sneaky",
                    "spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:9",
                    "spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/sneaky/**"))
        .hasStackTraceContaining("without an access declaration")
        .hasStackTraceContaining("sneaky");
  }
}
