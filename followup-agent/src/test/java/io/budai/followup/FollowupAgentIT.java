package io.budai.followup;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** followup-agent without SMTP: drafts, the outbox, idempotent sends and reminders. */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"budai.followup.reminder-poll=200ms", "budai.llm.engine=offline"})
@RealInfrastructure
class FollowupAgentIT {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  @Test
  void bootsHealthyWithMetricsAndOpenApi() {
    BootChecks.assertHealthyService(port, "followup-agent", false);
  }

  static Map<String, Object> summary(List<Map<String, Object>> items) {
    Map<String, Object> s = new HashMap<>();
    s.put("meeting_id", "m1");
    s.put("overview", "The team planned the launch. Marketing presented the <campaign> & budget.");
    s.put("key_points", List.of("Launch in May"));
    s.put("decisions", List.of("Launch on May 12"));
    s.put("action_items", items);
    s.put("risks", List.of());
    return s;
  }

  static Map<String, Object> item(String text, String owner, String due) {
    Map<String, Object> i = new HashMap<>();
    i.put("text", text);
    i.put("owner", owner);
    i.put("due", due);
    i.put("confidence", 0.9);
    return i;
  }

  @Test
  void draftsAnEmailASlackMessageAndRemindersFromASummary() {
    String meeting = "m-" + UUID.randomUUID();
    Map<String, Object> body =
        Map.of(
            "meeting_id",
            meeting,
            "title",
            "Launch sync",
            "summary",
            summary(
                List.of(
                    item("Send the press kit", "Alice", "2099-05-01"),
                    item("Book the venue", "Bob", null))),
            "attendees",
            List.of(
                Map.of(
                    "name", "Alice Smith", "email", "alice@example.com", "slack_user_id", "U123"),
                Map.of("name", "Bob", "email", "bob@example.com")));

    HttpResponse<String> response = post("/followup", body, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode draft = JSON.readTree(response.body());
    assertThat(draft.get("engine").asString()).isEqualTo("offline");
    JsonNode email = draft.get("email");
    assertThat(email.get("subject").asString()).isEqualTo("Follow-up: Launch sync");
    assertThat(email.get("to").toString()).contains("alice@example.com", "bob@example.com");
    assertThat(email.get("text").asString()).contains("Alice: Send the press kit (due 2099-05-01)");
    assertThat(email.get("html").asString())
        .contains("&lt;campaign&gt; &amp; budget")
        .doesNotContain("<campaign>");
    JsonNode slack = draft.get("slack");
    assertThat(slack.get("blocks").get(0).get("type").asString()).isEqualTo("header");
    assertThat(slack.get("blocks").toString()).contains("<@U123>").contains("&lt;campaign&gt;");
    JsonNode reminders = draft.get("reminders");
    assertThat(reminders).hasSize(1);
    assertThat(reminders.get(0).get("owner").asString()).isEqualTo("Alice");
    assertThat(reminders.get(0).get("due_at").asString()).isEqualTo("2099-05-01T09:00:00Z");

    // drafting the same follow-up again schedules no second reminder
    JsonNode again = JSON.readTree(post("/followup", body, null).body());
    assertThat(again.get("reminders").get(0).get("id").asString())
        .isEqualTo(reminders.get(0).get("id").asString());
  }

  @Test
  void keepsSlackMessagesWithinBlockKitLimits() {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      items.add(item("Task " + i + " " + "x".repeat(150), "Alice", null));
    }
    Map<String, Object> body =
        Map.of("meeting_id", "big", "title", "T".repeat(300), "summary", summary(items));

    JsonNode slack = JSON.readTree(post("/followup", body, null).body()).get("slack");

    assertThat(slack.get("blocks").size()).isLessThanOrEqualTo(50);
    for (JsonNode block : slack.get("blocks")) {
      if (block.get("type").asString().equals("section")) {
        assertThat(block.get("text").get("text").asString().length()).isLessThanOrEqualTo(3000);
      }
      if (block.get("type").asString().equals("header")) {
        assertThat(block.get("text").get("text").asString().length()).isLessThanOrEqualTo(150);
      }
    }
  }

  @Test
  void firesADueReminderIntoTheOutboxWhenNoSmtpIsConfigured() {
    String task = "Ship the beta " + UUID.randomUUID();
    Map<String, Object> body =
        Map.of(
            "meeting_id",
            "m-rem",
            "title",
            "Beta",
            "summary",
            summary(List.of(item(task, "Carol", "2020-01-01"))),
            "attendees",
            List.of(Map.of("name", "Carol", "email", "carol@example.com")));
    assertThat(post("/followup", body, null).statusCode()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(BootChecks.send(authed("/outbox?limit=100").GET()).body())
                    .contains("Reminder: " + task)
                    .contains("carol@example.com"));
  }

  @Test
  void keepsEmailInTheOutboxAndSendsOncePerIdempotencyKey() {
    String key = "wf-" + UUID.randomUUID();
    Map<String, Object> email =
        Map.of(
            "to",
            List.of("dana@example.com"),
            "subject",
            "Recap " + key,
            "text",
            "Hello",
            "html",
            "<p>Hello</p>");

    JsonNode first = JSON.readTree(post("/email/send", email, key).body());
    JsonNode second = JSON.readTree(post("/email/send", email, key).body());

    assertThat(first.get("status").asString()).isEqualTo("outboxed");
    assertThat(first.get("replayed").asBoolean()).isFalse();
    assertThat(second.get("replayed").asBoolean()).isTrue();
    assertThat(second.get("message_id").asString()).isEqualTo(first.get("message_id").asString());
    String outbox = BootChecks.send(authed("/outbox?limit=500").GET()).body();
    assertThat(outbox.split("Recap " + key, -1)).hasSize(2);
  }

  @Test
  void rejectsInvalidEmailsAndSummariesWithProblems() {
    HttpResponse<String> badEmail =
        post(
            "/email/send",
            Map.of("to", List.of("not an address"), "subject", "x", "text", "y"),
            null);
    assertThat(badEmail.statusCode()).isEqualTo(400);
    assertThat(badEmail.body()).contains("problems/invalid-email");
    assertThat(post("/email/send", Map.of(), null).statusCode()).isEqualTo(400);
    HttpResponse<String> noSummary = post("/followup", Map.of("meeting_id", "m"), null);
    assertThat(noSummary.statusCode()).isEqualTo(422);
    assertThat(noSummary.body()).contains("problems/invalid-summary");
  }

  HttpRequest.Builder authed(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN);
  }

  HttpResponse<String> post(String path, Object body, String idempotencyKey) {
    HttpRequest.Builder request =
        authed(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (idempotencyKey != null) {
      request.header(BudaiHeaders.IDEMPOTENCY_KEY, idempotencyKey);
    }
    return BootChecks.send(request);
  }
}
