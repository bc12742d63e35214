package io.budai.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.contracts.BudaiHeaders;
import io.budai.gateway.Downstreams;
import io.budai.gateway.FakeDownstream;
import io.budai.gateway.GatewayHttp;
import io.budai.test.RealInfrastructure;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What the edge does besides authentication: rate limits, body limits, time limits, circuit
 * breakers, CORS, problems, the welcome, the docs, and WebSockets.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "budai.gateway.auth.admin-token=edge-admin-token",
      "budai.gateway.rate-limits.classes.bot.requests=5",
      "budai.gateway.rate-limits.classes.bot.period=1m",
      "budai.gateway.resilience.max-body-size=1KB",
      "budai.gateway.resilience.circuit-breaker.minimum-number-of-calls=4",
      "budai.gateway.resilience.circuit-breaker.sliding-window-size=4",
      "budai.gateway.resilience.circuit-breaker.open-state-wait=30s",
      "budai.gateway.cors.allowed-origins=https://console.example.com",
      "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@RealInfrastructure
class EdgeProtectionIT {

  @DynamicPropertySource
  static void downstreams(DynamicPropertyRegistry registry) {
    Downstreams.register(registry);
  }

  @LocalServerPort int port;
  GatewayHttp http;

  @BeforeEach
  void client() {
    http = new GatewayHttp(port);
  }

  @Test
  void rateLimitsEachKeyPerRouteClassWith429AndHeaders() {
    String key = Downstreams.KEYS.mint(1, "bot");
    String other = Downstreams.KEYS.mint(2, "bot");
    for (int i = 1; i <= 5; i++) {
      HttpResponse<String> ok = http.get("/bots/status", BudaiHeaders.API_KEY, key);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("RateLimit-Limit")).hasValue("5");
      assertThat(ok.headers().firstValue("RateLimit-Remaining")).hasValue(String.valueOf(5 - i));
      assertThat(ok.headers().firstValue("RateLimit-Policy")).hasValue("5;w=60");
    }
    HttpResponse<String> limited = http.get("/bots/status", BudaiHeaders.API_KEY, key);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(GatewayHttp.contentType(limited)).startsWith("application/problem+json");
    assertThat(GatewayHttp.json(limited).get("type").asString()).endsWith("/rate-limited");
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 13L); // one request's share of the minute: 12 s
    assertThat(limited.headers().firstValue("RateLimit-Remaining")).hasValue("0");
    assertThat(Long.parseLong(limited.headers().firstValue("RateLimit-Reset").orElseThrow()))
        .isBetween(1L, 60L);

    // Another key, and another route class of the same key, are unaffected.
    assertThat(http.get("/bots/status", BudaiHeaders.API_KEY, other).statusCode()).isEqualTo(200);
    String both = Downstreams.KEYS.mint(1, "bot", "tx");
    for (int i = 0; i < 6; i++) {
      http.get("/bots/status", BudaiHeaders.API_KEY, both);
    }
    assertThat(http.get("/meetings", BudaiHeaders.API_KEY, both).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesBodiesAboveTheLimitWith413() throws Exception {
    String key = Downstreams.KEYS.mint(3, "tx");
    String big = "{\"pad\":\"" + "x".repeat(2000) + "\"}";
    HttpResponse<String> declared =
        http.send("PATCH", "/meetings/google_meet/abc", big, BudaiHeaders.API_KEY, key);
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(GatewayHttp.contentType(declared)).startsWith("application/problem+json");

    HttpResponse<String> chunked =
        GatewayHttp.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/meetings/google_meet/abc"))
                .header(BudaiHeaders.API_KEY, key)
                .header("Content-Type", "application/json")
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes()))));
    assertThat(chunked.statusCode()).isEqualTo(413);

    assertThat(
            http.send(
                    "PATCH",
                    "/meetings/google_meet/abc",
                    "{\"data\":{}}",
                    BudaiHeaders.API_KEY,
                    key)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void answersASlowDownstreamWith504AndAnUnreachableOneWith502() {
    String key = Downstreams.KEYS.mint(4, "bot", "tx");
    HttpResponse<String> slow = http.get("/transcripts/slow", BudaiHeaders.API_KEY, key);
    assertThat(slow.statusCode()).as(slow.body() + slow.headers().map()).isEqualTo(504);
    assertThat(GatewayHttp.contentType(slow)).startsWith("application/problem+json");
    assertThat(slow.body()).as(slow.headers().map().toString()).contains("/downstream-timeout");

    HttpResponse<String> down = http.get("/api/realtime/session-token", BudaiHeaders.API_KEY, key);
    assertThat(down.statusCode()).isEqualTo(502);
    assertThat(GatewayHttp.json(down).get("type").asString()).endsWith("/downstream-unreachable");
    assertThat(down.body()).doesNotContain("Exception");
  }

  @Test
  void opensTheCircuitOfAFailingDownstreamWith503() {
    String key = Downstreams.KEYS.mint(5, "bot", "tx");
    FakeDownstream orchestrator = Downstreams.get("orchestrator-service");
    orchestrator.clear();
    for (int i = 0; i < 4; i++) {
      assertThat(http.get("/workflows/fail", BudaiHeaders.API_KEY, key).statusCode())
          .isEqualTo(500);
    }
    HttpResponse<String> open = http.get("/workflows/fail", BudaiHeaders.API_KEY, key);
    assertThat(open.statusCode()).isEqualTo(503);
    assertThat(GatewayHttp.json(open).get("type").asString()).endsWith("/circuit-open");
    assertThat(open.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(http.get("/workflows", BudaiHeaders.API_KEY, key).statusCode()).isEqualTo(503);
    assertThat(orchestrator.received()).hasSize(4);
    // Other downstreams keep their own breaker.
    assertThat(http.get("/meetings", BudaiHeaders.API_KEY, key).statusCode()).isEqualTo(200);
  }

  @Test
  void answersCorsPreflightsOnlyForConfiguredOrigins() {
    HttpResponse<String> allowed =
        http.send(
            "OPTIONS",
            "/meetings",
            null,
            "Origin",
            "https://console.example.com",
            "Access-Control-Request-Method",
            "GET",
            "Access-Control-Request-Headers",
            "x-api-key");
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://console.example.com");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .containsIgnoringCase("x-api-key");

    HttpResponse<String> refused =
        http.send(
            "OPTIONS",
            "/meetings",
            null,
            "Origin",
            "https://evil.example.net",
            "Access-Control-Request-Method",
            "GET");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void answersUnknownPathsWithA404ProblemAndGreetsAtTheRoot() {
    HttpResponse<String> unknown = http.get("/internal/auth/verify");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(GatewayHttp.contentType(unknown)).startsWith("application/problem+json");

    HttpResponse<String> welcome = http.get("/");
    assertThat(welcome.statusCode()).isEqualTo(200);
    assertThat(GatewayHttp.json(welcome).get("message").asString())
        .isEqualTo("Welcome to the BudAI API Gateway");
    assertThat(welcome.headers().firstValue(BudaiHeaders.CORRELATION_ID)).isPresent();
  }

  @Test
  void passesTheCorrelationIdThrough() {
    String key = Downstreams.KEYS.mint(6, "tx");
    FakeDownstream collector = Downstreams.get("transcription-collector");
    HttpResponse<String> response =
        http.get("/meetings", BudaiHeaders.API_KEY, key, BudaiHeaders.CORRELATION_ID, "corr-123");
    // Once: the service echoes the id too, and the gateway does not repeat it.
    assertThat(response.headers().allValues(BudaiHeaders.CORRELATION_ID))
        .containsExactly("corr-123");
    assertThat(collector.last().header(BudaiHeaders.CORRELATION_ID)).isEqualTo("corr-123");

    HttpResponse<String> generated = http.get("/meetings", BudaiHeaders.API_KEY, key);
    assertThat(generated.headers().allValues(BudaiHeaders.CORRELATION_ID))
        .singleElement()
        .isEqualTo(collector.last().header(BudaiHeaders.CORRELATION_ID));
  }

  @Test
  void mergesTheServicesOpenApiDocumentsAsTheGatewayServesThem() {
    HttpResponse<String> merged = http.get("/openapi.json");
    assertThat(merged.statusCode()).isEqualTo(200);
    JsonNode doc = GatewayHttp.json(merged);
    JsonNode paths = doc.get("paths");
    // Each path only from the service the gateway routes it to, with the route's credential.
    assertThat(paths.get("/meetings").get("get").get("operationId").asString())
        .isEqualTo("listMeetingstranscriptioncollector");
    assertThat(paths.get("/meetings").get("get").get("security").toString())
        .isEqualTo("[{\"ApiKeyAuth\":[]}]");
    assertThat(paths.get("/bots").get("post").get("operationId").asString())
        .isEqualTo("startBotbotmanagerservice");
    assertThat(paths.get("/admin/users").get("post").get("security").toString())
        .isEqualTo("[{\"AdminApiKeyAuth\":[]}]");
    assertThat(paths.has("/internal/secret")).isFalse();
    assertThat(doc.get("components").get("schemas").has("Thingadminservice")).isTrue();
    assertThat(doc.get("components").get("securitySchemes").has("ApiKeyAuth")).isTrue();
    assertThat(doc.get("x-budai-unavailable-services").toString())
        .isEqualTo("[\"voice-realtime-service\"]");

    HttpResponse<String> one = http.get("/docs/api/admin-service");
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(GatewayHttp.json(one).get("paths").has("/admin/users")).isTrue();
    assertThat(GatewayHttp.json(one).get("paths").has("/meetings")).isFalse();
    assertThat(http.get("/docs/api/nope").statusCode()).isEqualTo(404);
    assertThat(http.get("/docs/api/voice-realtime-service").statusCode()).isEqualTo(502);

    HttpResponse<String> ui = http.get("/docs");
    assertThat(ui.statusCode()).isIn(200, 302);
  }

  @Test
  void carriesWebSocketsWithTheKeyInTheQuery() throws Exception {
    String key = Downstreams.KEYS.mint(8, "tx");
    CompletableFuture<String> echoed = new CompletableFuture<>();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/ws?api_key=" + key),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(
                      WebSocket webSocket, CharSequence data, boolean last) {
                    echoed.complete(data.toString());
                    return null;
                  }
                })
            .get(5, TimeUnit.SECONDS);
    socket.sendText("{\"action\":\"subscribe\"}", true);
    assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("{\"action\":\"subscribe\"}");
    FakeDownstream.Received upgrade =
        Downstreams.get("transcription-collector").received().stream()
            .filter(r -> r.uri().startsWith("/ws"))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(upgrade.uri()).doesNotContain("api_key");
    assertThat(upgrade.header(BudaiHeaders.USER_ID)).isEqualTo("8");
    socket.abort();

    CompletableFuture<WebSocket> refused =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {});
    assertThat(refused).failsWithin(Duration.ofSeconds(5));
  }
}
