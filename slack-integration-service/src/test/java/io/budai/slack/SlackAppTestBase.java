package io.budai.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiHeaders;
import io.budai.slack.support.BusTap;
import io.budai.slack.support.FakeService;
import io.budai.slack.support.FakeService.Answer;
import io.budai.slack.support.FakeSlack;
import io.budai.slack.support.SlackRequests;
import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service with Slack configured against {@link FakeSlack} and its downstream services faked;
 * every configured test class extends this, so they share one application context. Tests keep to
 * channels and users of their own ({@link #unique}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
abstract class SlackAppTestBase {

  static final FakeSlack SLACK = new FakeSlack();
  static final FakeService BOT_MANAGER = new FakeService();
  static final FakeService ADMIN = new FakeService();
  static final FakeService COMMUNICATOR = new FakeService();
  static final FakeService ORCHESTRATOR = new FakeService();

  /** API keys the fake admin-service knows: key → BudAI user id. */
  static final Map<String, String> API_KEYS = new ConcurrentHashMap<>();

  @DynamicPropertySource
  static void slack(DynamicPropertyRegistry registry) {
    registry.add("budai.slack.bot-token", () -> FakeSlack.TOKEN);
    registry.add("budai.slack.signing-secret", () -> FakeSlack.SIGNING_SECRET);
    registry.add("budai.slack.api-url", SLACK::apiUrl);
    registry.add("budai.slack.public-url", () -> "https://budai.example");
    registry.add("budai.slack.call-join-url", () -> "https://budai.example/calls/{call_id}");
    registry.add("budai.slack.services.bot-manager", BOT_MANAGER::url);
    registry.add("budai.slack.services.admin", ADMIN::url);
    registry.add("budai.slack.services.communicator", COMMUNICATOR::url);
    registry.add("budai.slack.services.orchestrator", ORCHESTRATOR::url);
  }

  @BeforeAll
  static void fakeAdmin() {
    ADMIN.on(
        "POST",
        "/internal/auth/verify",
        request -> {
          String userId = API_KEYS.get(request.json().path("token").asString(""));
          return userId == null
              ? Answer.json(
                  401,
                  "{\"type\":\"https://budai.dev/problems/invalid-api-key\",\"status\":401,"
                      + "\"title\":\"Unauthorized\",\"detail\":\"Invalid API key.\"}")
              : Answer.json(
                  200,
                  "{\"user_id\":"
                      + userId
                      + ",\"token_id\":7,\"scopes\":[\"bot\",\"tx\"],\"expires_at\":null,"
                      + "\"email\":\"user"
                      + userId
                      + "@example.com\",\"limits\":{}}");
        });
  }

  @LocalServerPort int port;
  @Autowired StringRedisTemplate redis;

  SlackRequests slack() {
    return new SlackRequests(port, FakeSlack.SIGNING_SECRET);
  }

  BusTap bus() {
    return new BusTap(redis);
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
  }

  /** Links {@code slackUser} to a new BudAI user through {@code /loop link}; returns its id. */
  String link(String slackUser) {
    String userId = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000));
    String key = "vxa_bot_" + UUID.randomUUID().toString().replace("-", "");
    API_KEYS.put(key, userId);
    String responses = unique("link");
    HttpResponse<String> ack =
        slack().command("link " + key, unique("C"), slackUser, SLACK.responseUrl(responses));
    assertThat(ack.statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> SLACK.responses(responses).toString().contains("Linked"));
    return userId;
  }

  /** An internal call, as the orchestrator or the communicator make it. */
  HttpResponse<String> internalPost(String path, String json) {
    return BootChecks.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> internalGet(String path) {
    return BootChecks.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
            .GET());
  }
}
