package io.budai.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.MeetingStarted;
import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/** The operator API of the dead letters, and the bus's health and metrics, over HTTP. */
@SpringBootTest(
    classes = DeadLetterApiIT.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.application.name=it-dlq-api",
      "budai.bus.max-deliveries=1",
      "budai.bus.new-group-start=latest",
      "budai.bus.poll-timeout=200ms",
      "budai.bus.claim-interval=250ms"
    })
@RealInfrastructure
@DirtiesContext
class DeadLetterApiIT {

  static final String GROUP = "it-dlq-api";

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Flaky flaky() {
      return new Flaky();
    }
  }

  /** Fails while {@code failing} is set; remembers what it handled. */
  static final class Flaky {
    final AtomicBoolean failing = new AtomicBoolean(true);
    final Set<String> handled = ConcurrentHashMap.newKeySet();

    @EventHandler
    void on(MeetingStarted event) {
      if (failing.get()) {
        throw new IllegalStateException("downstream says no");
      }
      handled.add(event.meetingId());
    }
  }

  @LocalServerPort int port;
  @Autowired ConfigurableApplicationContext context;
  @Autowired EventPublisher publisher;
  @Autowired Flaky flaky;

  @BeforeEach
  void consuming() {
    BusApps.awaitConsuming(context);
    flaky.failing.set(true);
  }

  private String deadLetterOf(String meetingId) {
    publisher.publish(new MeetingStarted(meetingId, null, "zoom", "1", null));
    await().atMost(Duration.ofSeconds(10)).until(() -> findDeadLetter(meetingId) != null);
    return findDeadLetter(meetingId).get("id").asString();
  }

  private JsonNode findDeadLetter(String meetingId) {
    JsonNode page = json(call("GET", "/internal/dlq?group=" + GROUP + "&limit=1000"));
    for (JsonNode item : page.get("items")) {
      if (item.get("event").asString().contains(meetingId)) {
        return item;
      }
    }
    return null;
  }

  @Test
  void listsDeadLettersWithTheirErrorAndReplaysOneForItsGroup() {
    String meetingId = "m-" + UUID.randomUUID();
    String id = deadLetterOf(meetingId);

    JsonNode letter = json(call("GET", "/internal/dlq/" + id));
    assertThat(letter.get("group").asString()).isEqualTo(GROUP);
    assertThat(letter.get("stream").asString()).isEqualTo("budai:events");
    assertThat(letter.get("type").asString()).isEqualTo("meeting.started");
    assertThat(letter.get("attempts").asInt()).isEqualTo(1);
    assertThat(letter.get("error").asString()).contains("downstream says no");
    assertThat(letter.get("failed_at").asString()).isNotBlank();
    assertThat(
            new EventCodec()
                .decodeAs(letter.get("event").asString(), MeetingStarted.class)
                .payload()
                .meetingId())
        .isEqualTo(meetingId);

    flaky.failing.set(false);
    HttpResponse<String> replayed = call("POST", "/internal/dlq/" + id + "/replay");

    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
    assertThat(json(replayed).get("replayed").asInt()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> flaky.handled.contains(meetingId));
    assertThat(call("GET", "/internal/dlq/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void replaysEveryDeadLetterOfAGroup() {
    String first = "m-" + UUID.randomUUID();
    String second = "m-" + UUID.randomUUID();
    deadLetterOf(first);
    deadLetterOf(second);

    flaky.failing.set(false);
    HttpResponse<String> replayed = call("POST", "/internal/dlq/replay?group=" + GROUP);

    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(json(replayed).get("replayed").asInt()).isGreaterThanOrEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> flaky.handled.containsAll(Set.of(first, second)));
  }

  @Test
  void deletesADeadLetter() {
    String id = deadLetterOf("m-" + UUID.randomUUID());

    assertThat(call("DELETE", "/internal/dlq/" + id).statusCode()).isEqualTo(204);
    assertThat(call("DELETE", "/internal/dlq/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void answersBadRequestsWithProblems() {
    assertProblem(call("GET", "/internal/dlq/not-an-id"), 400, "invalid-entry-id");
    assertProblem(call("GET", "/internal/dlq/1-1"), 404, "dead-letter-not-found");
    assertProblem(call("POST", "/internal/dlq/1-1/replay"), 404, "dead-letter-not-found");
    assertProblem(call("GET", "/internal/dlq?limit=0"), 400, "invalid-limit");
    assertProblem(call("GET", "/internal/dlq?after=x"), 400, "invalid-entry-id");
    assertProblem(call("GET", "/internal/dlq?limit=abc"), 400, null);
  }

  @Test
  void isInternalOnly() {
    HttpResponse<String> anonymous =
        BootChecks.send(HttpRequest.newBuilder(uri("/internal/dlq")).GET());

    assertProblem(anonymous, 401, "internal-token-required");
  }

  @Test
  void exposesHealthAndMetrics() {
    deadLetterOf("m-" + UUID.randomUUID());
    flaky.failing.set(false);
    publisher.publish(new MeetingStarted("m-ok-" + UUID.randomUUID(), null, "zoom", "1", null));
    await().atMost(Duration.ofSeconds(10)).until(() -> !flaky.handled.isEmpty());

    HttpResponse<String> health = BootChecks.get(port, "/actuator/health/readiness");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("\"eventBus\":{\"status\":\"UP\"");
    assertThat(context.getBean(EventBusHealthIndicator.class).health().getDetails())
        .containsEntry("group", GROUP)
        .containsKey("consumer")
        .extractingByKey("streams")
        .asString()
        .contains("budai:events", "RUNNING", "pending", "lag");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(BootChecks.get(port, "/actuator/prometheus").body())
                    .contains(
                        "budai_bus_published_total{",
                        "budai_bus_handled_total{",
                        "budai_bus_failed_total{",
                        "budai_bus_dead_lettered_total{",
                        "budai_bus_handler_seconds_bucket{",
                        "budai_bus_pending{",
                        "budai_bus_lag{",
                        "group=\"" + GROUP + "\""));
  }

  private static void assertProblem(HttpResponse<String> response, int status, String slug) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    if (slug != null) {
      assertThat(response.body()).contains("/problems/" + slug);
    }
  }

  private HttpResponse<String> call(String method, String path) {
    return BootChecks.send(
        HttpRequest.newBuilder(uri(path))
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
            .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return EventCodec.mapper().readTree(response.body());
  }
}
