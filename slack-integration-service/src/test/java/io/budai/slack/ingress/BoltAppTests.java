package io.budai.slack.ingress;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budai.platform.web.ProblemException;
import io.budai.slack.api.SlackApi;
import io.budai.slack.config.SlackProperties;
import io.budai.slack.support.FakeSlack;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Bolt app cannot start while Slack is unreachable or refuses the token: 503, not a crash. */
class BoltAppTests {

  @Test
  void withoutCredentialsTheIngressIsUnavailable() {
    assertUnavailable(app(null, "http://127.0.0.1:9/api/"), "slack-not-configured");
  }

  @Test
  void anUnreachableSlackMakesTheIngressUnavailableInsteadOfFailingTheService() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertUnavailable(
        app(FakeSlack.TOKEN, "http://127.0.0.1:" + closedPort + "/api/"), "slack-unavailable");
  }

  @Test
  void aTokenSlackRefusesMakesTheIngressUnavailable() {
    try (FakeSlack slack = new FakeSlack()) {
      assertUnavailable(app("xoxb-revoked", slack.apiUrl()), "slack-unavailable");
    }
  }

  private static BoltApp app(String token, String apiUrl) {
    SlackProperties properties =
        new SlackProperties(
            token,
            token == null ? null : "secret",
            apiUrl,
            null,
            "http://localhost:8000",
            "http://localhost:8000/calls/{call_id}",
            "BudAI",
            Duration.ofMinutes(5),
            1_048_576,
            Duration.ofDays(1),
            Duration.ofDays(7),
            1000,
            20,
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            new SlackProperties.Services("http://a", "http://b", "http://c", "http://d"));
    return new BoltApp(
        new SlackApi(properties, CircuitBreakerRegistry.ofDefaults()),
        properties,
        List.of(),
        new StringRedisTemplate());
  }

  private static void assertUnavailable(BoltApp app, String slug) {
    assertThatThrownBy(app::require)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              org.assertj.core.api.Assertions.assertThat(e.getStatusCode().value()).isEqualTo(503);
              org.assertj.core.api.Assertions.assertThat(e.getBody().getType().toString())
                  .endsWith(slug);
            });
  }
}
