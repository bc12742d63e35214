package io.budai.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.events.ApiKeyRevoked;
import io.budai.gateway.Downstreams;
import io.budai.gateway.FakeDownstream;
import io.budai.gateway.GatewayHttp;
import io.budai.gateway.auth.ApiKeyResolver;
import io.budai.gateway.routes.Access;
import io.budai.gateway.routes.GatewayRoute;
import io.budai.gateway.routes.RouteTable;
import io.budai.platform.bus.EventPublisher;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every route of the table × every kind of credential → the status the route's declaration demands,
 * generated from the route table itself: no route is reachable without its credential.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "budai.gateway.auth.admin-token=" + RouteCredentialMatrixIT.ADMIN_TOKEN,
      "budai.gateway.rate-limits.enabled=false"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteCredentialMatrixIT {

  static final String ADMIN_TOKEN = "matrix-admin-token";
  static final long USER = 42;

  @DynamicPropertySource
  static void downstreams(DynamicPropertyRegistry registry) {
    Downstreams.register(registry);
  }

  @LocalServerPort int port;
  @Autowired RouteTable table;
  @Autowired ApiKeyResolver resolver;
  @Autowired EventPublisher events;
  GatewayHttp http;

  String fullKey;
  String botKey;
  String txKey;
  String noScopeKey;
  String revokedKey;
  String expiredKey;

  @BeforeAll
  void keys() {
    http = new GatewayHttp(port);
    fullKey = Downstreams.KEYS.mint(USER, "bot", "tx");
    botKey = Downstreams.KEYS.mint(USER, "bot");
    txKey = Downstreams.KEYS.mint(USER, "tx");
    noScopeKey = Downstreams.KEYS.mint(USER);
    // A key that worked (and sits in the gateway's cache), then was revoked.
    revokedKey = Downstreams.KEYS.mint(USER, "bot", "tx");
    assertThat(http.get("/meetings", BudaiHeaders.API_KEY, revokedKey).statusCode()).isEqualTo(200);
    Downstreams.KEYS.delete(revokedKey);
    resolver.revoke(sha256(revokedKey)).block();
    // A key cached while valid that has expired since: the cached expiry is checked per request.
    Instant expiry = Instant.now().plusMillis(1500);
    expiredKey = Downstreams.KEYS.mint(USER, List.of("bot", "tx"), expiry);
    assertThat(http.get("/meetings", BudaiHeaders.API_KEY, expiredKey).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expiry));
  }

  /** A kind of credential a client may present. */
  enum Credential {
    NONE,
    BAD_KEY,
    REVOKED_KEY,
    EXPIRED_KEY,
    WRONG_SCOPE,
    RIGHT_SCOPE,
    ADMIN_KEY_ON_USER_ROUTE,
    USER_KEY_ON_ADMIN_ROUTE
  }

  @TestFactory
  Stream<DynamicTest> everyRouteDemandsItsDeclaredCredential() {
    List<DynamicTest> tests = new ArrayList<>();
    assertThat(table.routes()).hasSizeGreaterThanOrEqualTo(12);
    for (GatewayRoute route : table.routes()) {
      if (route.service().equals(Downstreams.UNREACHABLE)) {
        // No downstream answers there; its credential checks are the same code, covered below
        // through a reachable route with the same access.
        continue;
      }
      for (Credential credential : Credential.values()) {
        tests.add(
            DynamicTest.dynamicTest(
                route.id() + " × " + credential, () -> check(route, credential)));
      }
    }
    return tests.stream();
  }

  private void check(GatewayRoute route, Credential credential) {
    HttpMethod method =
        route.methods().isEmpty() ? HttpMethod.GET : route.methods().iterator().next();
    String path = samplePath(route);
    assertThat(table.match(method, path)).as("sample path %s", path).contains(route);
    String[] headers = headers(route, credential);
    FakeDownstream downstream = Downstreams.get(route.service());
    downstream.clear();

    HttpResponse<String> response =
        http.send(method.name(), path, method == HttpMethod.POST ? "{}" : null, headers);

    int expected = expected(route, credential);
    assertThat(response.statusCode())
        .as("%s %s with %s → %s", method, path, credential, response.body())
        .isEqualTo(expected);
    if (expected == 200) {
      FakeDownstream.Received received = downstream.last();
      assertThat(received).isNotNull();
      if (route.access() == Access.NONE) {
        assertThat(received.header(BudaiHeaders.INTERNAL_TOKEN)).isNull();
        assertThat(received.header(BudaiHeaders.USER_ID)).isNull();
      } else {
        assertThat(received.header(BudaiHeaders.INTERNAL_TOKEN))
            .isEqualTo(TestInfrastructure.INTERNAL_TOKEN);
        assertThat(received.header(BudaiHeaders.API_KEY)).isNull();
        assertThat(received.header(BudaiHeaders.ADMIN_API_KEY)).isNull();
        assertThat(received.header(BudaiHeaders.USER_ID))
            .isEqualTo(route.access() == Access.API_KEY ? String.valueOf(USER) : null);
      }
    } else {
      assertThat(GatewayHttp.contentType(response)).startsWith("application/problem+json");
      assertThat(downstream.received()).as("the downstream must not be reached").isEmpty();
    }
  }

  private int expected(GatewayRoute route, Credential credential) {
    return switch (route.access()) {
      case NONE -> 200;
      case ADMIN -> credential == Credential.ADMIN_KEY_ON_USER_ROUTE ? 200 : 401;
      case API_KEY ->
          switch (credential) {
            case RIGHT_SCOPE, USER_KEY_ON_ADMIN_ROUTE -> 200;
            case WRONG_SCOPE -> 403;
            default -> 401;
          };
    };
  }

  private String[] headers(GatewayRoute route, Credential credential) {
    return switch (credential) {
      case NONE -> new String[0];
      case BAD_KEY -> key("budai_not-a-key");
      case REVOKED_KEY -> key(revokedKey);
      case EXPIRED_KEY -> key(expiredKey);
      case WRONG_SCOPE -> key(wrongScopeKey(route));
      case RIGHT_SCOPE -> key(rightScopeKey(route));
      case ADMIN_KEY_ON_USER_ROUTE -> new String[] {BudaiHeaders.ADMIN_API_KEY, ADMIN_TOKEN};
      case USER_KEY_ON_ADMIN_ROUTE -> key(fullKey);
    };
  }

  private String rightScopeKey(GatewayRoute route) {
    if (route.scopes().contains("bot") && !route.scopes().contains("tx")) {
      return botKey;
    }
    return route.scopes().contains("tx") && !route.scopes().contains("bot") ? txKey : fullKey;
  }

  private String wrongScopeKey(GatewayRoute route) {
    if (route.scopes().equals(java.util.Set.of("bot"))) {
      return txKey;
    }
    if (route.scopes().equals(java.util.Set.of("tx"))) {
      return botKey;
    }
    return noScopeKey;
  }

  private static String[] key(String key) {
    return new String[] {BudaiHeaders.API_KEY, key};
  }

  /** A concrete path the route's first pattern matches: variables and {@code **} filled in. */
  static String samplePath(GatewayRoute route) {
    return route
        .paths()
        .getFirst()
        .getPatternString()
        .replaceAll("\\{[^}]+}", "x1")
        .replace("/**", "/probe");
  }

  @Test
  void voiceAndRecallRoutesComeBeforeTheCatchAllsWithTheirCredentials() {
    assertThat(route(HttpMethod.GET, "/ws/audio")).isEqualTo("voice-audio");
    assertThat(route(HttpMethod.GET, "/ws/segments")).isEqualTo("voice-segments");
    assertThat(route(HttpMethod.GET, "/ws")).isEqualTo("live-transcripts");
    assertThat(route(HttpMethod.GET, "/ws/meetings")).isEqualTo("live-transcripts");
    assertThat(route(HttpMethod.POST, "/api/calls")).isEqualTo("calls");
    assertThat(route(HttpMethod.POST, "/api/calls/c1/end")).isEqualTo("calls");
    assertThat(route(HttpMethod.GET, "/calls/c1")).isEqualTo("call-client");
    assertThat(route(HttpMethod.POST, "/recall/webhook")).isEqualTo("recall-webhooks");
    assertThat(table.match(HttpMethod.POST, "/calls/c1")).isEmpty();
    assertThat(table.match(HttpMethod.GET, "/recall/webhook")).isEmpty();
    assertThat(access("voice-audio")).isEqualTo(Access.NONE);
    assertThat(access("call-client")).isEqualTo(Access.NONE);
    assertThat(access("recall-webhooks")).isEqualTo(Access.NONE);
    assertThat(access("voice-segments")).isEqualTo(Access.API_KEY);
    assertThat(access("calls")).isEqualTo(Access.API_KEY);
    assertThat(table.routes())
        .filteredOn(r -> r.id().equals("calls") || r.id().equals("voice-segments"))
        .allSatisfy(r -> assertThat(r.scopes()).containsExactly("bot"));
    assertThat(table.routes())
        .filteredOn(
            r -> Set.of("voice-audio", "voice-segments", "calls", "call-client").contains(r.id()))
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.service()).isEqualTo("voice-realtime-service"));
    assertThat(table.routes())
        .filteredOn(r -> r.id().equals("recall-webhooks"))
        .singleElement()
        .satisfies(r -> assertThat(r.service()).isEqualTo("bot-manager-service"));

    // voice-realtime is unreachable here (the matrix skips it): the edge still refuses a keyless
    // call on its keyed routes, and lets the public ones through to the (absent) service.
    HttpResponse<String> calls = http.send("POST", "/api/calls", "{}");
    assertThat(calls.statusCode()).as(calls.body()).isEqualTo(401);
    assertThat(http.get("/ws/segments").statusCode()).isEqualTo(401);
    assertThat(http.send("POST", "/api/calls", "{}", BudaiHeaders.API_KEY, txKey).statusCode())
        .isEqualTo(403);
    assertThat(http.get("/calls/c1").statusCode()).isNotIn(401, 403, 404);
  }

  private String route(HttpMethod method, String path) {
    return table.match(method, path).map(GatewayRoute::id).orElse("(none)");
  }

  private Access access(String id) {
    return table.routes().stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow()
        .access();
  }

  @Test
  void aClientCannotSpoofIdentityHeaders() {
    FakeDownstream collector = Downstreams.get("transcription-collector");
    collector.clear();
    HttpResponse<String> response =
        http.get(
            "/meetings",
            BudaiHeaders.API_KEY,
            txKey,
            BudaiHeaders.USER_ID,
            "999",
            BudaiHeaders.USER_SCOPES,
            "bot,tx,admin",
            BudaiHeaders.INTERNAL_TOKEN,
            "spoofed");
    assertThat(response.statusCode()).isEqualTo(200);
    FakeDownstream.Received received = collector.last();
    assertThat(received.header(BudaiHeaders.USER_ID)).isEqualTo("42");
    assertThat(received.header(BudaiHeaders.USER_SCOPES)).isEqualTo("tx");
    assertThat(received.header(BudaiHeaders.INTERNAL_TOKEN))
        .isEqualTo(TestInfrastructure.INTERNAL_TOKEN);

    // On a route without a credential nothing of it reaches the service.
    FakeDownstream slack = Downstreams.get("slack-integration-service");
    slack.clear();
    http.send(
        "POST",
        "/slack/events",
        "{}",
        BudaiHeaders.USER_ID,
        "999",
        BudaiHeaders.INTERNAL_TOKEN,
        TestInfrastructure.INTERNAL_TOKEN);
    assertThat(slack.last().header(BudaiHeaders.USER_ID)).isNull();
    assertThat(slack.last().header(BudaiHeaders.INTERNAL_TOKEN)).isNull();
  }

  @Test
  void aVerifiedKeyIsCachedAndARevocationEvictsIt() {
    String key = Downstreams.KEYS.mint(7, "tx");
    int before = Downstreams.KEYS.verifications();
    for (int i = 0; i < 5; i++) {
      assertThat(http.get("/meetings", BudaiHeaders.API_KEY, key).statusCode()).isEqualTo(200);
    }
    assertThat(Downstreams.KEYS.verifications() - before).isEqualTo(1);

    // admin-service deletes the key and announces it on the bus; the gateway's cache still holds
    // it as valid until the event arrives.
    Downstreams.KEYS.delete(key);
    assertThat(http.get("/meetings", BudaiHeaders.API_KEY, key).statusCode()).isEqualTo(200);
    events.publish(new ApiKeyRevoked(sha256(key)), "7");
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(
            () -> {
              HttpResponse<String> refused = http.get("/meetings", BudaiHeaders.API_KEY, key);
              assertThat(refused.statusCode()).isEqualTo(401);
              assertThat(GatewayHttp.json(refused).get("type").asString())
                  .endsWith("/revoked-api-key");
            });
  }

  @Test
  void theApiKeyMayComeAsAQueryParameterOnlyOnWebSocketRoutes() {
    assertThat(http.get("/meetings?api_key=" + txKey).statusCode()).isEqualTo(401);
  }

  static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
