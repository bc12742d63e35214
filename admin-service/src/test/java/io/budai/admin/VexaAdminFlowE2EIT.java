package io.budai.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.budai.contracts.BudaiHeaders;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * Vexa's admin flow end to end, through the real gateway (its executable jar, run as a process) in
 * front of this admin-service, with a stub transcription-collector behind {@code GET /meetings}:
 * create a user (201), again (200), mint a scoped key, use it, revoke it — refused within a second.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "budai.admin.admin-token=" + AdminHttp.ADMIN_TOKEN)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@RealInfrastructure(postgres = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VexaAdminFlowE2EIT {

  @LocalServerPort int adminPort;

  private final List<Map<String, List<String>>> collectorRequests = new CopyOnWriteArrayList<>();
  private HttpServer collector;
  private Process gateway;
  private AdminHttp http;

  @BeforeAll
  void startGatewayAndCollector() throws Exception {
    Path jar = Path.of(System.getProperty("budai.gateway.jar", "missing"));
    assumeTrue(
        Files.isRegularFile(jar),
        "The gateway jar is built by `mvn package`/`verify` (it is missing under `mvn test`): "
            + jar);
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/meetings",
        exchange -> {
          collectorRequests.add(Map.copyOf(exchange.getRequestHeaders()));
          byte[] body = "{\"meetings\":[]}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    collector.start();

    int gatewayPort = freePort();
    File log = new File("target/e2e-gateway.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log);
    Map<String, String> env = builder.environment();
    env.put("PORT", String.valueOf(gatewayPort));
    env.put("REDIS_URL", TestInfrastructure.redisUrl());
    env.put("BUDAI_INTERNAL_TOKEN", TestInfrastructure.INTERNAL_TOKEN);
    env.put("ADMIN_API_TOKEN", AdminHttp.ADMIN_TOKEN);
    env.put("BUDAI_ADMIN_SERVICE_URL", "http://127.0.0.1:" + adminPort);
    env.put(
        "BUDAI_TRANSCRIPTION_COLLECTOR_URL",
        "http://127.0.0.1:" + collector.getAddress().getPort());
    gateway = builder.start();
    http = new AdminHttp(gatewayPort);
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> http.send("GET", "/actuator/health/readiness", null).status() == 200);
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (gateway != null) {
      gateway.destroy();
      gateway.waitFor();
    }
    if (collector != null) {
      collector.stop(0);
    }
  }

  @Test
  void createsAUserMintsAKeyUsesItAndRevokesItThroughTheGateway() {
    AdminHttp.Reply created =
        http.admin("POST", "/admin/users", "{\"email\":\"vexa@example.com\",\"name\":\"Vexa\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long user = created.json().get("id").asLong();
    assertThat(http.admin("POST", "/admin/users", "{\"email\":\"vexa@example.com\"}").status())
        .isEqualTo(200);

    AdminHttp.Reply minted = http.admin("POST", "/admin/users/" + user + "/tokens?scopes=tx", null);
    assertThat(minted.status()).as(minted.body()).isEqualTo(201);
    JsonNode token = minted.json();
    String key = token.get("token").asString();

    AdminHttp.Reply meetings = http.send("GET", "/meetings", null, BudaiHeaders.API_KEY, key);
    assertThat(meetings.status()).as(meetings.body()).isEqualTo(200);
    assertThat(meetings.json().get("meetings").isArray()).isTrue();
    Map<String, List<String>> seen = collectorRequests.getLast();
    assertThat(header(seen, BudaiHeaders.USER_ID)).isEqualTo(String.valueOf(user));
    assertThat(header(seen, BudaiHeaders.USER_SCOPES)).isEqualTo("tx");
    assertThat(header(seen, BudaiHeaders.INTERNAL_TOKEN))
        .isEqualTo(TestInfrastructure.INTERNAL_TOKEN);
    assertThat(header(seen, BudaiHeaders.API_KEY)).isNull();

    // A tx key may not start bots, and the admin API needs the admin key.
    assertThat(http.send("GET", "/bots/status", null, BudaiHeaders.API_KEY, key).status())
        .isEqualTo(403);
    assertThat(http.send("GET", "/admin/users", null, BudaiHeaders.API_KEY, key).status())
        .isEqualTo(401);
    // The user's own account routes go to admin-service with the resolved identity.
    AdminHttp.Reply quote = http.send("GET", "/usage/quote", null, BudaiHeaders.API_KEY, key);
    assertThat(quote.status()).as(quote.body()).isEqualTo(200);
    assertThat(quote.json().get("user_id").asLong()).isEqualTo(user);

    assertThat(http.admin("DELETE", "/admin/tokens/" + token.get("id").asLong(), null).status())
        .isEqualTo(204);
    Instant revoked = Instant.now();
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> http.send("GET", "/meetings", null, BudaiHeaders.API_KEY, key).status() == 401);
    assertThat(Duration.between(revoked, Instant.now())).isLessThan(Duration.ofSeconds(1));
  }

  private static String header(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().getFirst())
        .findFirst()
        .orElse(null);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
