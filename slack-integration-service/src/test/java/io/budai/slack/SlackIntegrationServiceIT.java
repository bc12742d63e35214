package io.budai.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiHeaders;
import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The service with no Slack configured (no bot token, no signing secret): it starts healthy, keeps
 * posts in the outbox and answers Slack's ingress with a 503 problem. Its context is closed after
 * the class so its bus consumers never compete with the configured tests' context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SlackIntegrationServiceIT {

  @LocalServerPort int port;

  @Test
  void bootsHealthyWithMetricsAndOpenApi() {
    // Readiness includes the bus, which is up once its consumer loop has polled.
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> BootChecks.assertHealthyService(port, "slack-integration-service", false));
  }

  @Test
  void answersUnknownPathsWithAProblem() {
    HttpResponse<String> response = BootChecks.get(port, "/no-such-endpoint");
    assertThat(response.statusCode()).isBetween(400, 499);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void withoutSlackPostsGoToTheOutboxOnce() {
    String key = "outbox-" + System.nanoTime();
    String body =
        "{\"channel\":\"C0OUTBOX\",\"text\":\"Weekly summary\",\"idempotency_key\":\""
            + key
            + "\"}";

    HttpResponse<String> first = post("/messages", body);
    HttpResponse<String> again = post("/messages", body);
    HttpResponse<String> outbox = get("/outbox?limit=1000");

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(first.body()).contains("\"status\":\"outbox\"");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"duplicate\":true");
    assertThat(outbox.statusCode()).isEqualTo(200);
    assertThat(outbox.body()).contains("\"slack_configured\":false").contains("Weekly summary");
    assertThat(outbox.body().split(key, -1)).hasSize(2); // listed once
  }

  @Test
  void withoutSlackTheIngressAnswers503() {
    HttpResponse<String> response =
        BootChecks.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"url_verification\"}")));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("slack-not-configured");
  }

  @Test
  void theInternalApiStillNeedsTheInternalToken() {
    HttpResponse<String> response =
        BootChecks.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(response.statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> post(String path, String json) {
    return BootChecks.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> get(String path) {
    return BootChecks.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
            .GET());
  }
}
