package io.budai.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** Validation and matching of the gateway's route table. */
class RouteTableTests {

  private static final Map<String, String> SERVICES =
      Map.of(
          "collector", "http://127.0.0.1:8008",
          "communicator", "http://127.0.0.1:8004",
          "admin", "http://127.0.0.1:8009");

  private static RouteTableProperties.RouteSpec route(
      String id, String service, String path, Access access, String... scopes) {
    return new RouteTableProperties.RouteSpec(
        id, service, List.of(path), null, access, List.of(scopes), null, false, null);
  }

  @Test
  void refusesARouteWithoutAnAccessDeclaration() {
    RouteTableProperties properties =
        new RouteTableProperties(
            SERVICES, List.of(route("meetings", "collector", "/meetings/**", null)));
    assertThatThrownBy(() -> RouteTable.from(properties))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("meetings")
        .hasMessageContaining("deny by default");
  }

  @Test
  void refusesInconsistentDeclarations() {
    RouteTableProperties properties =
        new RouteTableProperties(
            SERVICES,
            List.of(
                route("no-scope", "collector", "/a/**", Access.API_KEY),
                route("bad-scope", "collector", "/b/**", Access.API_KEY, "root"),
                route("scoped-admin", "admin", "/admin/**", Access.ADMIN, "bot"),
                route("nowhere", "missing", "/c/**", Access.NONE),
                route("no-scope", "collector", "/d/**", Access.NONE)));
    assertThatThrownBy(() -> RouteTable.from(properties))
        .hasMessageContaining("no-scope): api-key access needs at least one scope")
        .hasMessageContaining("unknown scope root")
        .hasMessageContaining("scopes only apply to api-key access")
        .hasMessageContaining("unknown service missing")
        .hasMessageContaining("duplicate id");
  }

  @Test
  void refusesAnEmptyTable() {
    assertThatThrownBy(() -> RouteTable.from(new RouteTableProperties(SERVICES, List.of())))
        .hasMessageContaining("empty");
  }

  @Test
  void matchesInTableOrderSoSpecificRoutesComeFirst() {
    RouteTable table =
        RouteTable.from(
            new RouteTableProperties(
                SERVICES,
                List.of(
                    new RouteTableProperties.RouteSpec(
                        "brief",
                        "communicator",
                        List.of("/meetings/{id}/brief"),
                        List.of("GET"),
                        Access.API_KEY,
                        List.of("tx"),
                        null,
                        false,
                        null),
                    route("meetings", "collector", "/meetings/**", Access.API_KEY, "tx"))));
    assertThat(table.match(HttpMethod.GET, "/meetings/42/brief").orElseThrow().id())
        .isEqualTo("brief");
    assertThat(table.match(HttpMethod.POST, "/meetings/42/brief").orElseThrow().id())
        .isEqualTo("meetings");
    assertThat(table.match(HttpMethod.GET, "/meetings").orElseThrow().id()).isEqualTo("meetings");
    assertThat(table.match(HttpMethod.GET, "/meetingsX")).isEmpty();
    assertThat(table.match(HttpMethod.GET, "/internal/auth/verify")).isEmpty();
    assertThat(table.routes().getFirst().rateClass()).isEqualTo("user");
  }
}
