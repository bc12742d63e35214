package io.budai.slack.posting;

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
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /outbox/slack}, the user's own outbox (no Slack configured): messages posted for a
 * user (body {@code user_id} or the caller's {@code X-User-Id}) are listed to that user only,
 * newest first, paged by a cursor that new messages do not shift; entries without a user (written
 * before attribution) stay in the operators' {@code GET /outbox} only.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class UserOutboxIT {

  @LocalServerPort int port;
  @Autowired StringRedisTemplate redis;
  @Autowired JsonMapper json;

  @Test
  void aUserSeesOnlyTheMessagesPostedForThem() {
    String alice = user();
    String bob = user();
    post(
        null,
        "{\"channel\":\"C0A\",\"text\":\"Follow-up for Alice\",\"idempotency_key\":\"%s\",\"user_id\":\"%s\",\"meeting_id\":\"m-a\",\"workflow_id\":\"wf-a\"}"
            .formatted(key(), alice));
    // no user_id in the body: the caller's X-User-Id owns it
    post(
        bob,
        "{\"channel\":\"C0B\",\"text\":\"Follow-up for Bob\",\"idempotency_key\":\"%s\",\"meeting_id\":\"m-b\"}"
            .formatted(key()));

    JsonNode alicePage = page(alice, "");
    JsonNode bobPage = page(bob, "");

    assertThat(alicePage.get("items")).hasSize(1);
    JsonNode item = alicePage.get("items").get(0);
    assertThat(item.get("text").asString()).isEqualTo("Follow-up for Alice");
    assertThat(item.get("channel").asString()).isEqualTo("C0A");
    assertThat(item.get("meeting_id").asString()).isEqualTo("m-a");
    assertThat(item.get("workflow_id").asString()).isEqualTo("wf-a");
    assertThat(item.get("status").asString()).isEqualTo("outbox");
    assertThat(item.get("created_at").asString()).isNotBlank();
    assertThat(alicePage.get("slack_configured").asBoolean()).isFalse();
    assertThat(alicePage.toString()).doesNotContain("Bob");
    assertThat(bobPage.get("items")).hasSize(1);
    assertThat(bobPage.get("items").get(0).get("text").asString()).isEqualTo("Follow-up for Bob");
    assertThat(bobPage.toString()).doesNotContain("Alice");
    assertThat(page(user(), "").get("items")).isEmpty();
  }

  @Test
  void pagesNewestFirstWithACursorThatNewMessagesDoNotShift() {
    String user = user();
    for (int i = 1; i <= 5; i++) {
      postFor(user, "message " + i, "m-" + (i % 2));
    }

    JsonNode first = page(user, "?limit=2");
    postFor(user, "message 6 (arrived while paging)", "m-0");
    JsonNode second = page(user, "?limit=2&cursor=" + first.get("next_cursor").asString());
    JsonNode third = page(user, "?limit=2&cursor=" + second.get("next_cursor").asString());

    assertThat(texts(first)).containsExactly("message 5", "message 4");
    assertThat(texts(second)).containsExactly("message 3", "message 2");
    assertThat(texts(third)).containsExactly("message 1");
    assertThat(third.get("next_cursor").isNull()).isTrue();
    assertThat(texts(page(user, "?limit=2")))
        .containsExactly("message 6 (arrived while paging)", "message 5");
    assertThat(texts(page(user, "?meeting_id=m-1")))
        .containsExactly("message 5", "message 3", "message 1");
    assertThat(texts(page(user, "?meeting_id=m-1&limit=1"))).containsExactly("message 5");
  }

  @Test
  void blocksAreSummarizedAsText() {
    String user = user();
    post(
        null,
        """
        {"channel":"C0X","text":"Follow-up: Weekly sync","idempotency_key":"%s","user_id":"%s",
         "blocks":[{"type":"header","text":{"type":"plain_text","text":"Weekly sync"}},
                   {"type":"section","text":{"type":"mrkdwn","text":"*Decisions*\\n• Ship <b>v2</b>"}},
                   {"type":"context","elements":[{"type":"mrkdwn","text":"Drafted by BudAI"}]}]}
        """
            .formatted(key(), user));

    JsonNode item = page(user, "").get("items").get(0);

    assertThat(item.get("text").asString()).isEqualTo("Follow-up: Weekly sync");
    assertThat(item.get("blocks_text").asString())
        .isEqualTo("Weekly sync\n*Decisions*\n• Ship <b>v2</b>\nDrafted by BudAI");
    assertThat(item.get("parts").asInt()).isEqualTo(1);
  }

  @Test
  void entriesWithoutAUserStayInTheOperatorsListingOnly() {
    String user = user();
    String legacyKey = key();
    // LPUSH an entry as it was written before messages carried their user
    redis
        .opsForList()
        .leftPush(
            RedisKeys.Slack.OUTBOX,
            "{\"idempotency_key\":\""
                + legacyKey
                + "\",\"channel\":\"C0OLD\",\"thread_ts\":null,\"created_at\":\"2026-01-01T00:00:00Z\",\"parts\":[{\"text\":\"old\",\"blocks\":null}]}");
    postFor(user, "attributed", "m-1");

    assertThat(page(user, "").toString()).doesNotContain(legacyKey);
    assertThat(internalGet("/outbox?limit=1000", null).body()).contains(legacyKey);
  }

  @Test
  void refusesCallsWithoutAUserAndBadPagingAsProblems() {
    HttpResponse<String> noUser = internalGet("/outbox/slack", null);
    HttpResponse<String> noToken =
        BootChecks.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/outbox/slack"))
                .header(BudaiHeaders.USER_ID, "7")
                .GET());

    assertThat(noUser.statusCode()).isEqualTo(401);
    assertThat(noUser.body()).contains("missing-user");
    assertThat(noToken.statusCode()).isEqualTo(401);
    for (String query :
        List.of("?limit=0", "?limit=101", "?limit=ten", "?cursor=abc", "?cursor=-3", "?cursor=0")) {
      HttpResponse<String> response = internalGet("/outbox/slack" + query, user());
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(response.body()).contains("invalid-paging");
    }
  }

  private void postFor(String user, String text, String meetingId) {
    post(
        null,
        "{\"channel\":\"C0P\",\"text\":\"%s\",\"idempotency_key\":\"%s\",\"user_id\":\"%s\",\"meeting_id\":\"%s\"}"
            .formatted(text, key(), user, meetingId));
  }

  private List<String> texts(JsonNode page) {
    List<String> texts = new ArrayList<>();
    page.get("items").forEach(item -> texts.add(item.get("text").asString()));
    return texts;
  }

  private JsonNode page(String user, String query) {
    HttpResponse<String> response = internalGet("/outbox/slack" + query, user);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private void post(@Nullable String user, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/messages"))
            .header("Content-Type", "application/json")
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      request.header(BudaiHeaders.USER_ID, user);
    }
    HttpResponse<String> response = BootChecks.send(request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  private HttpResponse<String> internalGet(String path, @Nullable String user) {
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

  private static String key() {
    return "outbox-it-" + UUID.randomUUID();
  }
}
