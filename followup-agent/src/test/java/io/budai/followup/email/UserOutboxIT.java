package io.budai.followup.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.RedisKeys;
import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /outbox/email}, the user's own outbox (no SMTP configured): e-mails sent for a user
 * (body {@code user_id} or the caller's {@code X-User-Id}) are listed to that user only, newest
 * first, paged by a cursor that new e-mails do not shift; entries without a user (written before
 * attribution) stay in the operators' {@code GET /outbox} only.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"budai.followup.reminder-poll=200ms", "budai.llm.engine=offline"})
@RealInfrastructure
class UserOutboxIT {

  @LocalServerPort int port;
  @Autowired StringRedisTemplate redis;
  @Autowired JsonMapper json;

  @Test
  void aUserSeesOnlyTheEmailsSentForThem() {
    String alice = user();
    String bob = user();
    send(
        null,
        "{\"to\":[\"alice@example.com\"],\"subject\":\"Follow-up: Alice's sync\",\"text\":\"Hi Alice\",\"html\":\"<p>Hi</p>\",\"meeting_id\":\"m-a\",\"user_id\":\"%s\",\"workflow_id\":\"wf-a\"}"
            .formatted(alice));
    // no user_id in the body: the caller's X-User-Id owns it
    send(
        bob,
        "{\"to\":[\"bob@example.com\"],\"subject\":\"Follow-up: Bob's sync\",\"text\":\"Hi Bob\",\"meeting_id\":\"m-b\"}");

    JsonNode alicePage = page(alice, "");
    JsonNode bobPage = page(bob, "");

    assertThat(alicePage.get("items")).hasSize(1);
    JsonNode item = alicePage.get("items").get(0);
    assertThat(item.get("subject").asString()).isEqualTo("Follow-up: Alice's sync");
    assertThat(item.get("text").asString()).isEqualTo("Hi Alice");
    assertThat(item.get("to").get(0).asString()).isEqualTo("alice@example.com");
    assertThat(item.get("meeting_id").asString()).isEqualTo("m-a");
    assertThat(item.get("workflow_id").asString()).isEqualTo("wf-a");
    assertThat(item.get("status").asString()).isEqualTo("outboxed");
    assertThat(item.get("id").asString()).endsWith("@budai>");
    assertThat(item.get("created_at").asString()).isNotBlank();
    assertThat(alicePage.get("smtp_configured").asBoolean()).isFalse();
    assertThat(alicePage.toString()).doesNotContain("Bob");
    assertThat(bobPage.get("items")).hasSize(1);
    assertThat(bobPage.get("items").get(0).get("subject").asString())
        .isEqualTo("Follow-up: Bob's sync");
    assertThat(bobPage.toString()).doesNotContain("Alice");
    assertThat(page(user(), "").get("items")).isEmpty();
  }

  @Test
  void pagesNewestFirstWithACursorThatNewEmailsDoNotShift() {
    String user = user();
    for (int i = 1; i <= 5; i++) {
      sendFor(user, "mail " + i, "m-" + (i % 2));
    }

    JsonNode first = page(user, "?limit=2");
    sendFor(user, "mail 6", "m-0");
    JsonNode second = page(user, "?limit=2&cursor=" + first.get("next_cursor").asString());
    JsonNode third = page(user, "?limit=2&cursor=" + second.get("next_cursor").asString());

    assertThat(subjects(first)).containsExactly("mail 5", "mail 4");
    assertThat(subjects(second)).containsExactly("mail 3", "mail 2");
    assertThat(subjects(third)).containsExactly("mail 1");
    assertThat(third.get("next_cursor").isNull()).isTrue();
    assertThat(subjects(page(user, "?limit=2"))).containsExactly("mail 6", "mail 5");
    assertThat(subjects(page(user, "?meeting_id=m-1")))
        .containsExactly("mail 5", "mail 3", "mail 1");
  }

  @Test
  void entriesWithoutAUserStayInTheOperatorsListingOnly() {
    String user = user();
    String legacyId = "<" + UUID.randomUUID() + "@budai>";
    // LPUSH an entry as it was written before e-mails carried their user
    redis
        .opsForList()
        .leftPush(
            RedisKeys.EMAIL_OUTBOX,
            "{\"message_id\":\""
                + legacyId
                + "\",\"to\":[\"old@example.com\"],\"subject\":\"old\",\"text\":\"old\",\"html\":null,\"meeting_id\":\"m-old\",\"idempotency_key\":null,\"created_at\":\"2026-01-01T00:00:00Z\"}");
    sendFor(user, "attributed", "m-1");

    assertThat(page(user, "").toString()).doesNotContain(legacyId);
    HttpResponse<String> operators = get("/outbox?limit=500", null);
    assertThat(operators.statusCode()).isEqualTo(200);
    assertThat(operators.body()).contains(legacyId);
  }

  @Test
  void refusesCallsWithoutAUserAndBadPagingAsProblems() {
    HttpResponse<String> noUser = get("/outbox/email", null);
    HttpResponse<String> noToken =
        BootChecks.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/outbox/email"))
                .header(BudaiHeaders.USER_ID, "7")
                .GET());

    assertThat(noUser.statusCode()).isEqualTo(401);
    assertThat(noUser.body()).contains("missing-user");
    assertThat(noToken.statusCode()).isEqualTo(401);
    for (String query : List.of("?limit=0", "?limit=101", "?limit=x", "?cursor=abc", "?cursor=0")) {
      HttpResponse<String> response = get("/outbox/email" + query, user());
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(response.body()).contains("invalid-paging");
    }
  }

  private void sendFor(String user, String subject, String meetingId) {
    send(
        null,
        "{\"to\":[\"someone@example.com\"],\"subject\":\"%s\",\"text\":\"body\",\"meeting_id\":\"%s\",\"user_id\":\"%s\"}"
            .formatted(subject, meetingId, user));
  }

  private List<String> subjects(JsonNode page) {
    List<String> subjects = new ArrayList<>();
    page.get("items").forEach(item -> subjects.add(item.get("subject").asString()));
    return subjects;
  }

  private JsonNode page(String user, String query) {
    HttpResponse<String> response = get("/outbox/email" + query, user);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private void send(@Nullable String user, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/email/send"))
            .header("Content-Type", "application/json")
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
            .header(BudaiHeaders.IDEMPOTENCY_KEY, "outbox-it-" + UUID.randomUUID())
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      request.header(BudaiHeaders.USER_ID, user);
    }
    HttpResponse<String> response = BootChecks.send(request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("outboxed");
  }

  private HttpResponse<String> get(String path, @Nullable String user) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
            .GET();
    if (user != null) {
      request.header(BudaiHeaders.USER_ID, user);
    }
    return BootChecks.send(request);
  }

  private static String user() {
    return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
  }
}
