package io.budai.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.slack.support.BlockKitRules;
import io.budai.slack.support.FakeSlack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /messages}, the orchestrator's deliver step and the communicator's replies: once per
 * idempotency key, in order per channel, through Slack's 429s, within Block Kit's limits.
 */
class MessagePostingIT extends SlackAppTestBase {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A Slack user named Grace Hopper, linked, so an action item owned by "Grace Hopper" is hers. */
  private static final String GRACE = "U0GRACEHOP";

  @Test
  void aSummaryDeliveredTwiceThroughA429IsPostedExactlyOnceAsValidBlockKit() throws Exception {
    String channel = unique("C");
    String key = "wf-" + channel + ":deliver:slack";
    SLACK.addUser(GRACE, "grace", "Grace Hopper", "grace", "grace@example.com");
    link(GRACE);
    String request = summaryRequest(channel, key, 6, 200);
    SLACK.rateLimitNext("chat.postMessage", channel, 1, 1);

    // The orchestrator's deliver step runs twice (a redelivered event, a retried step) at once.
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(() -> internalPost("/messages", request));
    CompletableFuture<HttpResponse<String>> second =
        CompletableFuture.supplyAsync(() -> internalPost("/messages", request));
    List<HttpResponse<String>> responses = List.of(first.get(), second.get());

    assertThat(responses).extracting(HttpResponse::statusCode).containsAnyOf(201, 202);
    assertThat(responses).extracting(HttpResponse::statusCode).contains(200);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> internalGet("/messages/" + key).body().contains("\"status\":\"sent\""));
    assertThat(SLACK.messages(channel))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(BlockKitRules.messageErrors(m.blocks())).isEmpty();
              assertThat(m.blockText())
                  .contains("Meeting summary: Quarterly planning")
                  .contains("Ship the beta")
                  .contains("<@" + GRACE + ">");
              assertThat(m.blocks().toString()).contains("rerun_summary");
            });
    JsonNode status = JSON.readTree(internalGet("/messages/" + key).body());
    assertThat(status.path("ts").asString()).isEqualTo(SLACK.messages(channel).getFirst().ts());
    assertThat(status.path("attempts").asInt()).isEqualTo(1); // the 429
    // The 429 was honoured: the retry came no sooner than Retry-After.
    List<FakeSlack.Call> posts =
        SLACK.calls("chat.postMessage").stream()
            .filter(c -> channel.equals(c.params().get("channel")))
            .toList();
    assertThat(posts).hasSize(2);
    assertThat(Duration.between(posts.get(0).at(), posts.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aLongSummaryIsSplitIntoMessagesThatEachKeepTheLimits() {
    String channel = unique("C");
    String key = unique("k");

    HttpResponse<String> response =
        internalPost("/messages", summaryRequest(channel, key, 120, 2500));

    assertThat(response.statusCode()).isIn(201, 202);
    await().atMost(Duration.ofSeconds(15)).until(() -> SLACK.messages(channel).size() > 1);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> internalGet("/messages/" + key).body().contains("\"status\":\"sent\""));
    List<FakeSlack.Message> messages = SLACK.messages(channel);
    assertThat(messages)
        .allSatisfy(m -> assertThat(BlockKitRules.messageErrors(m.blocks())).isEmpty());
    String all = String.join("\n", messages.stream().map(FakeSlack.Message::blockText).toList());
    for (int i = 0; i < 120; i++) {
      assertThat(all).contains("Task number " + i + " ");
    }
    assertThat(messages.getLast().blocks().toString()).contains("rerun_summary");
    assertThat(messages.getFirst().blocks().toString()).doesNotContain("rerun_summary");
  }

  @Test
  void messagesReachAChannelInTheOrderTheyWereAcceptedEvenWhenRateLimited() {
    String channel = unique("C");
    SLACK.rateLimitNext("chat.postMessage", channel, 1, 1);
    List<String> keys = new ArrayList<>();

    for (int i = 0; i < 5; i++) {
      String key = unique("order");
      keys.add(key);
      HttpResponse<String> response =
          internalPost(
              "/messages",
              "{\"channel\":\""
                  + channel
                  + "\",\"text\":\"message "
                  + i
                  + "\","
                  + "\"idempotency_key\":\""
                  + key
                  + "\"}");
      assertThat(response.statusCode()).isIn(201, 202);
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> SLACK.messages(channel).size() == 5);
    assertThat(SLACK.messages(channel))
        .extracting(FakeSlack.Message::text)
        .containsExactly("message 0", "message 1", "message 2", "message 3", "message 4");
  }

  @Test
  void callerBlocksAreRepairedAndSplitRatherThanRefusedBySlack() {
    String channel = unique("C");
    StringBuilder blocks = new StringBuilder("[");
    blocks
        .append("{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"")
        .append("H".repeat(200))
        .append("\"}},");
    blocks
        .append("{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"")
        .append("word ".repeat(1500))
        .append("\"}}");
    IntStream.range(0, 70)
        .forEach(
            i ->
                blocks
                    .append(",{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"item ")
                    .append(i)
                    .append("\"}}"));
    blocks.append("]");

    HttpResponse<String> response =
        internalPost(
            "/messages",
            "{\"channel\":\""
                + channel
                + "\",\"text\":\"Follow-up\",\"blocks\":"
                + blocks
                + ",\"idempotency_key\":\""
                + unique("k")
                + "\"}");

    assertThat(response.statusCode()).isIn(201, 202);
    await().atMost(Duration.ofSeconds(15)).until(() -> SLACK.messages(channel).size() == 2);
    assertThat(SLACK.messages(channel))
        .allSatisfy(
            m -> {
              assertThat(BlockKitRules.messageErrors(m.blocks())).isEmpty();
              assertThat(m.text()).isEqualTo("Follow-up");
            });
    String all =
        SLACK.messages(channel).get(0).blockText() + SLACK.messages(channel).get(1).blockText();
    assertThat(all).contains("item 0").contains("item 69");
    assertThat(all.split("word", -1)).hasSize(1501);
  }

  @Test
  void anUnreachableSlackIsRetriedWithBackOffUntilThePostGoesThrough() {
    String channel = unique("C");
    String key = unique("k");
    SLACK.failNext("chat.postMessage", channel, 2, 503);

    HttpResponse<String> response =
        internalPost(
            "/messages",
            "{\"channel\":\""
                + channel
                + "\",\"text\":\"after the outage\",\"idempotency_key\":\""
                + key
                + "\"}");

    assertThat(response.statusCode()).isIn(201, 202);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> internalGet("/messages/" + key).body().contains("\"status\":\"sent\""));
    assertThat(SLACK.messages(channel))
        .extracting(FakeSlack.Message::text)
        .containsExactly("after the outage");
    assertThat(JSON.readTree(internalGet("/messages/" + key).body()).path("attempts").asInt())
        .isEqualTo(2);
  }

  @Test
  void aMessageSlackRefusesFailsWithA422AndDoesNotBlockTheChannel() {
    String channel = "CNOTFOUND" + unique("");
    HttpResponse<String> refused =
        internalPost(
            "/messages",
            "{\"channel\":\""
                + channel
                + "\",\"text\":\"hello\",\"idempotency_key\":\""
                + unique("k")
                + "\"}");

    HttpResponse<String> next =
        internalPost(
            "/messages",
            "{\"channel\":\""
                + channel
                + "\",\"text\":\"again\",\"idempotency_key\":\""
                + unique("k")
                + "\"}");

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("slack-rejected").contains("channel_not_found");
    // The failed message left the queue: the next one is tried (and refused) in its turn.
    assertThat(next.statusCode()).isEqualTo(422);
  }

  @Test
  void invalidRequestsAreProblemsNotPosts() {
    String channel = unique("C");

    HttpResponse<String> noKey =
        internalPost("/messages", "{\"channel\":\"" + channel + "\",\"text\":\"hi\"}");
    HttpResponse<String> noContent =
        internalPost(
            "/messages",
            "{\"channel\":\"" + channel + "\",\"idempotency_key\":\"" + unique("k") + "\"}");
    HttpResponse<String> notJson = internalPost("/messages", "{nope");
    HttpResponse<String> blocksNotArray =
        internalPost(
            "/messages",
            "{\"channel\":\""
                + channel
                + "\",\"blocks\":{\"type\":\"divider\"},"
                + "\"idempotency_key\":\""
                + unique("k")
                + "\"}");
    HttpResponse<String> blockWithoutType =
        internalPost(
            "/messages",
            "{\"channel\":\""
                + channel
                + "\",\"blocks\":[{\"text\":\"x\"}],"
                + "\"idempotency_key\":\""
                + unique("k")
                + "\"}");
    HttpResponse<String> summaryWithoutMeeting =
        internalPost(
            "/messages",
            "{\"channel\":\""
                + channel
                + "\",\"summary\":{\"overview\":\"x\"},"
                + "\"idempotency_key\":\""
                + unique("k")
                + "\"}");
    HttpResponse<String> unknownMessage = internalGet("/messages/" + unique("nope"));

    assertThat(noKey.statusCode()).isEqualTo(422);
    assertThat(noKey.body()).contains("idempotency_key");
    assertThat(noContent.statusCode()).isEqualTo(422);
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(blocksNotArray.statusCode()).isEqualTo(422);
    assertThat(blockWithoutType.statusCode()).isEqualTo(422);
    assertThat(blockWithoutType.body()).contains("json-pointer:/blocks/0");
    assertThat(summaryWithoutMeeting.statusCode()).isEqualTo(422);
    assertThat(unknownMessage.statusCode()).isEqualTo(404);
    for (HttpResponse<String> r :
        List.of(noKey, noContent, notJson, blocksNotArray, blockWithoutType, unknownMessage)) {
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }
    assertThat(SLACK.messages(channel)).isEmpty();
  }

  @Test
  void theIdempotencyKeyMayComeAsAHeaderAndTheOrchestratorsShapeIsUnderstood() {
    String channel = unique("C");
    String key = unique("hdr");
    HttpResponse<String> response =
        io.budai.test.BootChecks.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/messages"))
                .header("Content-Type", "application/json")
                .header("X-Internal-Token", io.budai.test.TestInfrastructure.INTERNAL_TOKEN)
                .header("Idempotency-Key", key)
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"channel\":\""
                            + channel
                            + "\",\"text\":\"Follow-up: sync\","
                            + "\"blocks\":[],\"thread_ts\":null}")));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("channel").asString()).isEqualTo(channel);
    assertThat(body.path("ts").asString()).isEqualTo(SLACK.messages(channel).getFirst().ts());
    assertThat(body.path("idempotency_key").asString()).isEqualTo(key);
  }

  /** A summary request with {@code items} action items and an overview of {@code words} words. */
  private static String summaryRequest(String channel, String key, int items, int words) {
    StringBuilder actionItems = new StringBuilder();
    for (int i = 0; i < items; i++) {
      if (i > 0) {
        actionItems.append(',');
      }
      actionItems
          .append("{\"text\":\"Task number ")
          .append(i)
          .append(" to finish\",\"owner\":\"")
          .append(i == 0 ? "Grace Hopper" : "Owner " + i)
          .append("\",\"due\":\"Friday\",\"confidence\":0.8}");
    }
    return "{\"channel\":\""
        + channel
        + "\",\"idempotency_key\":\""
        + key
        + "\",\"title\":\"Quarterly planning\",\"summary\":{\"meeting_id\":\"m-"
        + channel
        + "\",\"overview\":\""
        + "We talked about plans & <risks>. ".repeat(Math.max(1, words / 6))
        + "\",\"key_points\":[\"Budget is fixed\"],\"decisions\":[\"Ship the beta\"],"
        + "\"action_items\":["
        + actionItems
        + "],\"risks\":[\"Hiring is slow\"],\"engine\":\"offline\"}}";
  }
}
