package io.budai.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.RedisKeys;
import io.budai.slack.account.AccountLinker;
import io.budai.slack.support.FakeService.Answer;
import io.budai.slack.support.FakeSlack;
import io.budai.slack.support.SlackRequests;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /loop} end to end: signed requests in, Bolt, downstream fakes, the fake Slack out. */
class SlashCommandIT extends SlackAppTestBase {

  @Test
  void startWithAMeetingUrlAcksAtOnceThenRequestsABotForTheLinkedUser() throws Exception {
    String user = unique("U");
    String channel = unique("C");
    String userId = link(user);
    CountDownLatch release = new CountDownLatch(1);
    BOT_MANAGER.on(
        "POST",
        "/bots",
        request -> {
          try {
            release.await(10, TimeUnit.SECONDS); // bot-manager is slow: the ack must not wait
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Answer.json(
              201,
              "{\"id\":\"m-"
                  + channel
                  + "\",\"platform\":\"google_meet\",\"native_meeting_id\":\"abc-defg-hij\","
                  + "\"status\":\"requested\"}");
        });
    String responses = unique("r");

    HttpResponse<String> ack =
        slack()
            .command(
                "start https://meet.google.com/abc-defg-hij",
                channel,
                user,
                SLACK.responseUrl(responses));

    // Acknowledged while bot-manager still holds the request.
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(ack.body()).contains("\"response_type\":\"ephemeral\"").contains("blocks");
    assertThat(SLACK.responses(responses)).isEmpty();
    release.countDown();

    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(responses).isEmpty());
    JsonNode confirmation = SLACK.responses(responses).getFirst();
    assertThat(confirmation.path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(confirmation.path("replace_original").asBoolean()).isTrue();
    assertThat(confirmation.path("blocks").toString()).contains("on its way");

    var request =
        BOT_MANAGER.requests("POST", "/bots").stream()
            .filter(r -> r.body().contains(channel))
            .findFirst()
            .orElseThrow();
    assertThat(request.header("X-User-Id")).isEqualTo(userId);
    assertThat(request.header("X-Internal-Token")).isNotBlank();
    JsonNode body = request.json();
    assertThat(body.path("platform").asString()).isEqualTo("google_meet");
    assertThat(body.path("meeting_url").asString())
        .isEqualTo("https://meet.google.com/abc-defg-hij");
    assertThat(body.path("bot_name").asString()).isEqualTo("BudAI Notetaker");
    assertThat(body.path("slack_channel_id").asString()).isEqualTo(channel);

    assertThat(bus().events("slack.command", p -> p.path("channel_id").asString().equals(channel)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("user_id").asString()).isEqualTo(userId);
              assertThat(e.path("payload").path("text").asString())
                  .isEqualTo("start https://meet.google.com/abc-defg-hij");
            });
    assertThat(redis.opsForHash().get(RedisKeys.Slack.channelSession(channel), "kind"))
        .isEqualTo("bot");
  }

  @Test
  void forgedOrStaleOrUnsignedRequestsAreRejectedAndNothingHappens() {
    String channel = unique("C");
    String responses = unique("r");
    String body =
        SlackRequests.commandBody(
            "/loop",
            "start https://meet.google.com/abc-defg-hij",
            channel,
            unique("U"),
            SLACK.responseUrl(responses));
    String now = Long.toString(Instant.now().getEpochSecond());
    String forged =
        new com.slack.api.app_backend.SlackSignature.Generator("not-the-secret")
            .generate(now, body);
    SlackRequests requests = slack();

    HttpResponse<String> wrongSecret =
        requests.send(
            "/slack/commands", "application/x-www-form-urlencoded", body, now, forged, Map.of());
    HttpResponse<String> stale =
        requests.post(
            "/slack/commands",
            "application/x-www-form-urlencoded",
            body,
            Instant.now().minusSeconds(301).getEpochSecond(),
            Map.of());
    String valid =
        new com.slack.api.app_backend.SlackSignature.Generator(FakeSlack.SIGNING_SECRET)
            .generate(now, body);
    HttpResponse<String> tampered =
        requests.send(
            "/slack/commands",
            "application/x-www-form-urlencoded",
            body.replace("abc-defg-hij", "xyz-defg-hij"),
            now,
            valid,
            Map.of());
    HttpResponse<String> unsigned =
        requests.send(
            "/slack/commands", "application/x-www-form-urlencoded", body, null, null, Map.of());

    for (HttpResponse<String> response :
        new HttpResponse[] {wrongSecret, stale, tampered, unsigned}) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(response.body()).contains("slack-signature-invalid").doesNotContain("Exception");
    }
    assertThat(bus().events("slack.command", p -> p.path("channel_id").asString().equals(channel)))
        .isEmpty();
    assertThat(BOT_MANAGER.requests().stream().filter(r -> r.body().contains(channel))).isEmpty();
    assertThat(SLACK.responses(responses)).isEmpty();
    assertThat(redis.hasKey(RedisKeys.Slack.channelSession(channel))).isFalse();
  }

  @Test
  void startWithoutAUrlStartsASlackCallAndStopEndsIt() {
    String user = unique("U");
    String channel = unique("C");
    String userId = link(user);
    String started = unique("r");

    slack().command("start Weekly sync", channel, user, SLACK.responseUrl(started));

    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(started).isEmpty());
    assertThat(SLACK.responses(started).getFirst().path("blocks").toString())
        .contains("Weekly sync")
        .contains("https://budai.example/calls/");
    FakeSlack.Call add =
        SLACK.calls("calls.add").stream()
            .filter(c -> user.equals(c.params().get("created_by")))
            .findFirst()
            .orElseThrow();
    assertThat(add.authorization()).isEqualTo("Bearer " + FakeSlack.TOKEN);
    assertThat(add.params().get("title")).isEqualTo("Weekly sync");
    String callId = add.params().get("external_unique_id");
    assertThat(add.params().get("join_url")).isEqualTo("https://budai.example/calls/" + callId);
    assertThat(add.params().get("users")).contains("\"slack_id\":\"" + user + "\"");
    assertThat(SLACK.messages(channel))
        .singleElement()
        .satisfies(m -> assertThat(m.blocks().toString()).contains("\"type\":\"call\""));
    assertThat(
            bus()
                .events("voice.call.started", p -> channel.equals(p.path("channel_id").asString())))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("user_id").asString()).isEqualTo(userId);
              assertThat(e.path("payload").path("call_id").asString()).isEqualTo(callId);
              assertThat(e.path("payload").path("join_url").asString())
                  .isEqualTo("https://budai.example/calls/" + callId);
              assertThat(e.path("payload").path("meeting_id").asString()).isNotBlank();
            });

    String stopped = unique("r");
    slack().command("stop", channel, user, SLACK.responseUrl(stopped));

    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(stopped).isEmpty());
    assertThat(SLACK.responses(stopped).getFirst().path("blocks").toString()).contains("ended");
    String slackCallId =
        SLACK.calls("calls.end").stream()
            .map(c -> c.params().get("id"))
            .filter(id -> id != null)
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(slackCallId).startsWith("R");
    assertThat(SLACK.calls("chat.update"))
        .anySatisfy(c -> assertThat(c.params().get("channel")).isEqualTo(channel));
    assertThat(
            bus().events("voice.call.ended", p -> channel.equals(p.path("channel_id").asString())))
        .singleElement()
        .satisfies(e -> assertThat(e.path("payload").path("call_id").asString()).isEqualTo(callId));
    assertThat(redis.hasKey(RedisKeys.Slack.channelSession(channel))).isFalse();
  }

  @Test
  void aSecondStartInTheSameChannelIsToldWhatRuns() {
    String user = unique("U");
    String channel = unique("C");
    link(user);
    String first = unique("r");
    slack().command("start", channel, user, SLACK.responseUrl(first));
    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(first).isEmpty());

    String second = unique("r");
    slack().command("start Another", channel, user, SLACK.responseUrl(second));

    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(second).isEmpty());
    assertThat(SLACK.responses(second).getFirst().path("blocks").toString())
        .contains("already has");
  }

  @Test
  void linkKeepsOnlyAHashOfTheKeyAndNeverPublishesIt() {
    String user = unique("U");
    SLACK.addUser(user, "ada", "Ada Lovelace", "ada", "ada@example.com");
    String key = "vxa_bot_" + unique("secret");
    API_KEYS.put(key, "4242");
    String channel = unique("C");
    String responses = unique("r");

    slack().command("link " + key, channel, user, SLACK.responseUrl(responses));

    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(responses).isEmpty());
    assertThat(SLACK.responses(responses).getFirst().path("blocks").toString())
        .contains("Ada Lovelace")
        .contains("4242");
    Map<Object, Object> link =
        redis.opsForHash().entries(RedisKeys.Slack.link(FakeSlack.TEAM, user));
    assertThat(link).containsEntry("user_id", "4242");
    assertThat(link).containsEntry("key_ref", AccountLinker.sha256Hex(key));
    assertThat(link.values().toString()).doesNotContain(key);
    assertThat(bus().events("slack.command", p -> p.path("channel_id").asString().equals(channel)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.toString()).doesNotContain(key);
              assertThat(e.path("payload").path("text").asString()).isEqualTo("link [redacted]");
            });
    assertThat(redis.opsForHash().get(RedisKeys.Slack.DIRECTORY, "ada lovelace")).isEqualTo(user);
  }

  @Test
  void anInvalidKeyLinksNothing() {
    String user = unique("U");
    String responses = unique("r");

    slack().command("link not-a-key", unique("C"), user, SLACK.responseUrl(responses));

    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(responses).isEmpty());
    assertThat(SLACK.responses(responses).getFirst().path("blocks").toString())
        .contains("not valid");
    assertThat(redis.hasKey(RedisKeys.Slack.link(FakeSlack.TEAM, user))).isFalse();
  }

  @Test
  void commandsActingForAUserNeedALinkedAccount() {
    String responses = unique("r");
    String channel = unique("C");

    slack()
        .command(
            "start https://meet.google.com/abc-defg-hij",
            channel,
            unique("U"),
            SLACK.responseUrl(responses));

    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(responses).isEmpty());
    assertThat(SLACK.responses(responses).getFirst().path("blocks").toString())
        .contains("Link your BudAI account first");
    assertThat(BOT_MANAGER.requests().stream().filter(r -> r.body().contains(channel))).isEmpty();
  }

  @Test
  void helpAndUnknownSubcommandsAreAnsweredInTheAck() {
    HttpResponse<String> help =
        slack().command("", unique("C"), unique("U"), SLACK.responseUrl(unique("r")));
    HttpResponse<String> unknown =
        slack().command("dance", unique("C"), unique("U"), SLACK.responseUrl(unique("r")));
    HttpResponse<String> alias =
        slack()
            .post(
                "/slack/commands/loop",
                "application/x-www-form-urlencoded",
                SlackRequests.commandBody(
                    "/loop", "help", unique("C"), unique("U"), SLACK.responseUrl(unique("r"))));

    assertThat(help.statusCode()).isEqualTo(200);
    assertThat(help.body()).contains("/loop start").contains("\"type\":\"header\"");
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(unknown.body()).contains("dance").contains("is not a /loop command");
    assertThat(alias.statusCode()).isEqualTo(200);
    assertThat(alias.body()).contains("/loop link");
  }

  @Test
  void botManagerRefusalsAreExplainedAndFreeTheChannel() {
    String user = unique("U");
    String channel = unique("C");
    link(user);
    BOT_MANAGER.on(
        "POST",
        "/bots",
        request ->
            Answer.json(
                429,
                "{\"type\":\"https://budai.dev/problems/bot-limit\",\"status\":429,"
                    + "\"detail\":\"You already run 2 bots (plan limit 2).\"}"));
    String responses = unique("r");

    slack()
        .command("start https://zoom.us/j/123456789", channel, user, SLACK.responseUrl(responses));

    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(responses).isEmpty());
    assertThat(SLACK.responses(responses).getFirst().path("blocks").toString())
        .contains("limit of concurrent bots")
        .contains("plan limit 2");
    assertThat(redis.hasKey(RedisKeys.Slack.channelSession(channel))).isFalse();
  }

  @Test
  void summaryAsksTheOrchestratorForAFreshOne() {
    String user = unique("U");
    String channel = unique("C");
    String userId = link(user);
    String responses = unique("r");

    slack().command("summary m-42", channel, user, SLACK.responseUrl(responses));

    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(responses).isEmpty());
    assertThat(SLACK.responses(responses).getFirst().path("blocks").toString()).contains("m-42");
    assertThat(bus().events("slack.command", p -> p.path("channel_id").asString().equals(channel)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("payload").path("text").asString()).isEqualTo("summary m-42");
              assertThat(e.path("user_id").asString()).isEqualTo(userId);
            });
  }

  @Test
  void askGoesThroughTheCommunicatorAndShowsCitations() {
    String user = unique("U");
    String channel = unique("C");
    String userId = link(user);
    COMMUNICATOR.on(
        "POST",
        "/converse",
        request ->
            Answer.json(
                200,
                "{\"reply\":\"We chose *Postgres* <!channel>.\",\"intent\":\"ask\",\"citations\":"
                    + "[{\"meeting_id\":\"m-1\",\"segment_id\":\"s-9\",\"speaker\":\"Ada\","
                    + "\"start\":125.0,\"end\":130.0,\"text\":\"Let's go with Postgres\"}]}"));
    String responses = unique("r");

    slack().command("ask which database did we pick?", channel, user, SLACK.responseUrl(responses));

    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(responses).isEmpty());
    String blocks = SLACK.responses(responses).getFirst().path("blocks").toString();
    assertThat(blocks).contains("We chose *Postgres*").contains("Ada").contains("2:05");
    assertThat(blocks).doesNotContain("<!channel>");
    var request =
        COMMUNICATOR.requests("POST", "/converse").stream()
            .filter(r -> r.body().contains(channel))
            .findFirst()
            .orElseThrow();
    assertThat(request.json().path("user_id").asString()).isEqualTo(userId);
    assertThat(request.json().path("text").asString()).isEqualTo("which database did we pick?");
    assertThat(request.json().path("session_id").asString())
        .isEqualTo("slack:" + FakeSlack.TEAM + ":" + channel + ":" + user);
  }

  @Test
  void statusShowsTheChannelTheBotsAndTheWorkflows() {
    String user = unique("U");
    String channel = unique("C");
    link(user);
    BOT_MANAGER.on(
        "GET",
        "/bots/status",
        request ->
            Answer.json(
                200,
                "{\"running_bots\":[{\"platform\":\"teams\",\"native_meeting_id\":\"9876\","
                    + "\"status\":\"active\"}],\"count\":1}"));
    ORCHESTRATOR.on(
        "GET",
        "/workflows",
        request ->
            Answer.json(
                200,
                "{\"workflows\":[{\"id\":\"wf-1\",\"kind\":\"meeting\",\"meeting_id\":\"m-7\","
                    + "\"status\":\"waiting\",\"step\":\"wait_followup\"}],\"limit\":5,"
                    + "\"offset\":0,\"has_more\":false}"));
    String responses = unique("r");

    slack().command("status", channel, user, SLACK.responseUrl(responses));

    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(responses).isEmpty());
    assertThat(SLACK.responses(responses).getFirst().path("blocks").toString())
        .contains("Nothing is running here")
        .contains("teams 9876")
        .contains("m-7")
        .contains("wait_followup");
  }

  @Test
  void downstreamFailuresAreExplainedToTheUser() {
    String user = unique("U");
    String channel = unique("C");
    link(user);
    COMMUNICATOR.on("POST", "/converse", request -> Answer.json(500, "{\"status\":500}"));
    SLACK.failNext("calls.add", "", 1, 500);
    String asked = unique("r");
    String started = unique("r");
    String linked = unique("r");
    API_KEYS.remove("admin-down");
    ADMIN.on(
        "POST",
        "/internal/auth/verify",
        request ->
            request.body().contains("admin-down")
                ? Answer.json(503, "{\"status\":503}")
                : Answer.json(401, "{\"status\":401}"));

    slack().command("ask anything?", channel, user, SLACK.responseUrl(asked));
    slack().command("start Retro", channel, user, SLACK.responseUrl(started));
    slack().command("link admin-down", unique("C"), unique("U"), SLACK.responseUrl(linked));

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                !SLACK.responses(asked).isEmpty()
                    && !SLACK.responses(started).isEmpty()
                    && !SLACK.responses(linked).isEmpty());
    fakeAdmin(); // restore the admin fake for the other tests
    assertThat(SLACK.responses(asked).getFirst().toString()).contains("could not answer");
    assertThat(SLACK.responses(started).getFirst().toString()).contains("did not start the call");
    assertThat(SLACK.responses(linked).getFirst().toString()).contains("could not check the key");
    assertThat(redis.hasKey(RedisKeys.Slack.channelSession(channel))).isFalse();
  }

  @Test
  void anOversizedPayloadIsRefusedBeforeBoltSeesIt() {
    HttpResponse<String> response =
        slack()
            .post(
                "/slack/events", "application/json", "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("slack-payload-too-large");
  }

  @Test
  void aSignedPayloadThatIsNotSlacksIsABadRequest() {
    HttpResponse<String> response =
        slack().post("/slack/events", "application/json", "{\"hello\":\"world\"}");
    HttpResponse<String> broken = slack().post("/slack/events", "application/json", "{not json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("slack-payload-invalid");
    assertThat(broken.statusCode()).isEqualTo(400);
  }
}
