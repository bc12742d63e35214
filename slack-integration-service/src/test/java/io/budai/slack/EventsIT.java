package io.budai.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.RedisKeys;
import io.budai.contracts.dto.ActionItem;
import io.budai.contracts.dto.MeetingSummary;
import io.budai.contracts.events.ApiKeyRevoked;
import io.budai.contracts.events.FollowupSent;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.contracts.events.SummaryGenerated;
import io.budai.contracts.events.VoiceCallEnded;
import io.budai.platform.bus.EventPublisher;
import io.budai.slack.support.FakeService;
import io.budai.slack.support.FakeSlack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The Events API, interactivity, App Home and the events this service consumes. */
class EventsIT extends SlackAppTestBase {

  @Autowired EventPublisher events;

  @Test
  void urlVerificationIsAnsweredWithTheChallenge() {
    HttpResponse<String> response =
        slack()
            .event(
                "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":"
                    + "\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                    + "\"type\":\"url_verification\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  }

  @Test
  void aRetriedEventIsProcessedOnce() {
    String eventId = unique("Ev");
    String channel = unique("C");
    String body =
        callback(
            eventId,
            "{\"type\":\"app_mention\",\"user\":\"W021FGA1Z\",\"text\":\"<@"
                + FakeSlack.BOT_USER
                + "> what did we decide?\",\"ts\":\"1515449483.000108\",\"channel\":\""
                + channel
                + "\",\"event_ts\":\"1515449483.000108\"}");

    HttpResponse<String> first = slack().event(body);
    HttpResponse<String> retry =
        slack()
            .post(
                "/slack/events",
                "application/json",
                body,
                Instant.now().getEpochSecond(),
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(retry.statusCode()).isEqualTo(200);
    // Publishing happens before the ack, so both deliveries are fully handled by now.
    assertThat(bus().events("slack.event", p -> eventId.equals(p.path("event_id").asString())))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("payload").path("event_type").asString()).isEqualTo("app_mention");
              assertThat(e.path("payload").path("text").asString())
                  .isEqualTo("what did we decide?");
              assertThat(e.path("payload").path("channel").asString()).isEqualTo(channel);
            });
  }

  @Test
  void aDirectMessageReachesTheCommunicatorAndItsReplyLandsInTheThread() {
    String user = unique("U");
    String userId = link(user);
    String dm = "D" + unique("");
    String eventId = unique("Ev");
    String ts = "1355517523.000005";

    HttpResponse<String> ack =
        slack()
            .event(
                callback(
                    eventId,
                    "{\"type\":\"message\",\"channel\":\""
                        + dm
                        + "\",\"user\":\""
                        + user
                        + "\",\"text\":\"Hello hello can you hear me?\",\"ts\":\""
                        + ts
                        + "\",\"event_ts\":\""
                        + ts
                        + "\",\"channel_type\":\"im\"}"));

    assertThat(ack.statusCode()).isEqualTo(200);
    JsonNode event =
        bus().events("slack.event", p -> eventId.equals(p.path("event_id").asString())).getFirst();
    assertThat(event.path("user_id").asString()).isEqualTo(userId);
    assertThat(event.path("payload").path("event_type").asString()).isEqualTo("message.im");

    // What communicator-agent does with it: reply in the thread through POST /messages.
    HttpResponse<String> reply =
        internalPost(
            "/messages",
            "{\"channel\":\""
                + dm
                + "\",\"text\":\"Loud and clear.\",\"thread_ts\":\""
                + event.path("payload").path("ts").asString()
                + "\",\"idempotency_key\":\"reply:"
                + eventId
                + "\"}");

    assertThat(reply.statusCode()).isIn(201, 202);
    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.messages(dm).isEmpty());
    assertThat(SLACK.messages(dm))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.threadTs()).isEqualTo(ts);
              assertThat(m.text()).isEqualTo("Loud and clear.");
            });
  }

  @Test
  void messagesFromBotsAndEditsAreNotPassedOn() {
    String dm = "D" + unique("");
    String fromBot = unique("Ev");
    String edit = unique("Ev");

    slack()
        .event(
            callback(
                fromBot,
                "{\"type\":\"message\",\"channel\":\""
                    + dm
                    + "\",\"user\":\"U1\",\"bot_id\":\"B9\","
                    + "\"text\":\"beep\",\"ts\":\"1.1\",\"channel_type\":\"im\"}"));
    HttpResponse<String> edited =
        slack()
            .event(
                callback(
                    edit,
                    "{\"type\":\"message\",\"subtype\":\"message_changed\",\"channel\":\""
                        + dm
                        + "\",\"ts\":\"1.2\",\"channel_type\":\"im\"}"));

    assertThat(edited.statusCode()).isEqualTo(200);
    assertThat(bus().events("slack.event", p -> dm.equals(p.path("channel").asString()))).isEmpty();
  }

  @Test
  void openingTheAppHomePublishesRecentMeetingsWithTheirActionItems() {
    String user = unique("U");
    String userId = link(user);
    String meetingId = unique("m-");
    events.publish(
        new SummaryGenerated(
            meetingId,
            "wf-" + meetingId,
            summary(
                meetingId,
                "The team agreed to ship the beta on Friday.",
                List.of(new ActionItem("Write the release notes", "Grace", "Thursday", 0.9)))),
        userId);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> redis.hasKey(RedisKeys.Slack.summary(meetingId)));

    HttpResponse<String> ack =
        slack()
            .event(
                callback(
                    unique("Ev"),
                    "{\"type\":\"app_home_opened\",\"user\":\""
                        + user
                        + "\",\"channel\":\"D123ABC456\",\"event_ts\":\"1515449522000016\","
                        + "\"tab\":\"home\"}"));

    assertThat(ack.statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                SLACK.calls("views.publish").stream()
                    .anyMatch(c -> user.equals(c.params().get("user_id"))));
    String view =
        SLACK.calls("views.publish").stream()
            .filter(c -> user.equals(c.params().get("user_id")))
            .findFirst()
            .orElseThrow()
            .params()
            .get("view");
    assertThat(view)
        .contains("\"type\":\"home\"")
        .contains("ship the beta on Friday")
        .contains("Write the release notes")
        .contains("view_summary")
        .contains("rerun_summary")
        .contains(meetingId);
  }

  @Test
  void anUnlinkedUsersAppHomeExplainsHowToLink() {
    String user = unique("U");

    slack()
        .event(
            callback(
                unique("Ev"),
                "{\"type\":\"app_home_opened\",\"user\":\""
                    + user
                    + "\",\"tab\":\"home\","
                    + "\"channel\":\"D1\",\"event_ts\":\"1.1\"}"));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                SLACK.calls("views.publish").stream()
                    .anyMatch(
                        c ->
                            user.equals(c.params().get("user_id"))
                                && c.params().get("view").contains("/loop link")));
  }

  @Test
  void theRerunButtonAsksTheOrchestratorAndTheViewButtonSendsACopy() {
    String user = unique("U");
    String userId = link(user);
    String channel = unique("C");
    String meetingId = unique("m-");
    HttpResponse<String> posted =
        internalPost(
            "/messages",
            "{\"channel\":\""
                + channel
                + "\",\"title\":\"Design review\",\"idempotency_key\":\"sum-"
                + meetingId
                + "\",\"user_id\":\""
                + userId
                + "\",\"summary\":{\"meeting_id\":\""
                + meetingId
                + "\",\"overview\":\"We reviewed the design.\",\"engine\":\"offline\"}}");
    assertThat(posted.statusCode()).isIn(201, 202);
    String responses = unique("r");

    HttpResponse<String> rerun =
        slack().interaction(buttonClick(user, channel, "rerun_summary", meetingId, responses));
    HttpResponse<String> view =
        slack().interaction(buttonClick(user, channel, "view_summary", meetingId, responses));

    assertThat(rerun.statusCode()).isEqualTo(200);
    assertThat(view.statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !bus()
                    .events(
                        "slack.command",
                        p -> ("summary " + meetingId).equals(p.path("text").asString()))
                    .isEmpty());
    String dm = "D" + user.substring(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.messages(dm).isEmpty());
    assertThat(SLACK.messages(dm).getFirst().blockText()).contains("Design review");
    await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.responses(responses).size() == 2);
    assertThat(SLACK.responses(responses))
        .allSatisfy(r -> assertThat(r.path("replace_original").asBoolean()).isFalse());
  }

  @Test
  void aCallEndedByVoiceRealtimeIsEndedInSlackToo() {
    String user = unique("U");
    link(user);
    String channel = unique("C");
    String responses = unique("r");
    slack().command("start", channel, user, SLACK.responseUrl(responses));
    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(responses).isEmpty());
    JsonNode started =
        bus()
            .events("voice.call.started", p -> channel.equals(p.path("channel_id").asString()))
            .getFirst()
            .path("payload");
    int endsBefore = SLACK.calls("calls.end").size();

    events.publish(
        new VoiceCallEnded(
            started.path("call_id").asString(),
            started.path("meeting_id").asString(),
            channel,
            started.path("started_by").asString(),
            Instant.now()));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !redis.hasKey(RedisKeys.Slack.channelSession(channel)));
    assertThat(SLACK.calls("calls.end")).hasSizeGreaterThan(endsBefore);
    // voice-realtime announced the end; we do not announce it a second time.
    assertThat(
            bus().events("voice.call.ended", p -> channel.equals(p.path("channel_id").asString())))
        .hasSize(1);
  }

  @Test
  void aCompletedMeetingFreesItsChannel() {
    String channel = unique("C");
    String user = unique("U");
    link(user);
    String meetingId = "m-" + channel;
    BOT_MANAGER.on(
        "POST",
        "/bots",
        request ->
            FakeService.Answer.json(
                201,
                "{\"id\":\""
                    + meetingId
                    + "\",\"platform\":\"teams\",\"native_meeting_id\":\"55\","
                    + "\"status\":\"requested\"}"));
    String responses = unique("r");
    slack()
        .command(
            "start https://teams.microsoft.com/l/meetup-join/x",
            channel,
            user,
            SLACK.responseUrl(responses));
    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(responses).isEmpty());
    assertThat(redis.hasKey(RedisKeys.Slack.channelSession(channel))).isTrue();

    events.publish(new MeetingCompleted(meetingId, null, Instant.now(), 60, 10, channel));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !redis.hasKey(RedisKeys.Slack.channelSession(channel)));
  }

  @Test
  void theHomeTabStopButtonStopsTheBotAndRefreshesTheTab() {
    String user = unique("U");
    String userId = link(user);
    String channel = unique("C");
    String nativeId = unique("n");
    BOT_MANAGER.on(
        "POST",
        "/bots",
        request ->
            FakeService.Answer.json(
                201,
                "{\"id\":\"m-"
                    + nativeId
                    + "\",\"platform\":\"teams\",\"native_meeting_id\":\""
                    + nativeId
                    + "\",\"status\":\"requested\"}"));
    BOT_MANAGER.on(
        "DELETE", "/bots/teams/" + nativeId, request -> FakeService.Answer.json(202, "{}"));
    String responses = unique("r");
    slack()
        .command(
            "start https://teams.microsoft.com/l/meetup-join/" + nativeId,
            channel,
            user,
            SLACK.responseUrl(responses));
    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(responses).isEmpty());
    int published = publishedHomes(user);

    HttpResponse<String> click =
        slack()
            .interaction(
                "{\"type\":\"block_actions\",\"team\":{\"id\":\""
                    + FakeSlack.TEAM
                    + "\"},\"user\":{\"id\":\""
                    + user
                    + "\",\"team_id\":\""
                    + FakeSlack.TEAM
                    + "\"},\"api_app_id\":\"A0BUDAI\",\"token\":\"t\",\"container\":{\"type\":"
                    + "\"view\",\"view_id\":\"V1\"},\"trigger_id\":\"1.2\",\"view\":{\"id\":\"V1\","
                    + "\"type\":\"home\",\"blocks\":[]},\"actions\":[{\"action_id\":\"stop_meeting\","
                    + "\"block_id\":\"b\",\"value\":\""
                    + channel
                    + "\",\"type\":\"button\","
                    + "\"action_ts\":\"1.3\"}]}");

    assertThat(click.statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !BOT_MANAGER.requests("DELETE", "/bots/teams/" + nativeId).isEmpty());
    assertThat(
            BOT_MANAGER
                .requests("DELETE", "/bots/teams/" + nativeId)
                .getFirst()
                .header("X-User-Id"))
        .isEqualTo(userId);
    await().atMost(Duration.ofSeconds(10)).until(() -> publishedHomes(user) > published);
    assertThat(redis.hasKey(RedisKeys.Slack.channelSession(channel))).isFalse();
  }

  @Test
  void aDeliveredFollowupRefreshesItsOwnersHomeTab() {
    String user = unique("U");
    String userId = link(user);
    int before = publishedHomes(user);

    events.publish(
        new FollowupSent(unique("m-"), unique("wf-"), List.of("slack"), List.of()), userId);

    await().atMost(Duration.ofSeconds(10)).until(() -> publishedHomes(user) > before);
  }

  @Test
  void aRevokedApiKeyUnlinksTheSlackUsersWhoLinkedIt() {
    String user = unique("U");
    link(user);
    String keyRef =
        String.valueOf(
            redis.opsForHash().get(RedisKeys.Slack.link(FakeSlack.TEAM, user), "key_ref"));

    events.publish(new ApiKeyRevoked(keyRef));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !redis.hasKey(RedisKeys.Slack.link(FakeSlack.TEAM, user)));
    String responses = unique("r");
    slack().command("status", unique("C"), user, SLACK.responseUrl(responses));
    await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.responses(responses).isEmpty());
    assertThat(SLACK.responses(responses).getFirst().toString())
        .contains("Link your BudAI account");
  }

  private static int publishedHomes(String user) {
    return (int)
        SLACK.calls("views.publish").stream()
            .filter(c -> user.equals(c.params().get("user_id")))
            .count();
  }

  static MeetingSummary summary(String meetingId, String overview, List<ActionItem> items) {
    return new MeetingSummary(
        meetingId,
        overview,
        List.of(),
        List.of("Ship on Friday"),
        items,
        List.of(),
        "offline",
        null,
        null);
  }

  private static String callback(String eventId, String event) {
    return "{\"token\":\"ZZZZZZWSxiZZZ2yIvs3peJ\",\"team_id\":\""
        + FakeSlack.TEAM
        + "\",\"api_app_id\":\"A0BUDAI\",\"event\":"
        + event
        + ",\"type\":\"event_callback\",\"event_id\":\""
        + eventId
        + "\",\"event_time\":1515449483,\"authorizations\":[{\"team_id\":\""
        + FakeSlack.TEAM
        + "\",\"user_id\":\""
        + FakeSlack.BOT_USER
        + "\",\"is_bot\":true}]}";
  }

  private String buttonClick(
      String user, String channel, String actionId, String value, String responses) {
    return "{\"type\":\"block_actions\",\"team\":{\"id\":\""
        + FakeSlack.TEAM
        + "\",\"domain\":\"fake\"},\"user\":{\"id\":\""
        + user
        + "\",\"username\":\"u\",\"team_id\":\""
        + FakeSlack.TEAM
        + "\"},\"api_app_id\":\"A0BUDAI\",\"token\":\"t\",\"container\":{\"type\":\"message\","
        + "\"message_ts\":\"1548426417.000100\",\"channel_id\":\""
        + channel
        + "\",\"is_ephemeral\":false},\"trigger_id\":\"1.2.3\",\"channel\":{\"id\":\""
        + channel
        + "\",\"name\":\"general\"},\"response_url\":\""
        + SLACK.responseUrl(responses)
        + "\",\"actions\":[{\"action_id\":\""
        + actionId
        + "\",\"block_id\":\"summary_actions\",\"text\":{\"type\":\"plain_text\",\"text\":\"x\"},"
        + "\"value\":\""
        + value
        + "\",\"type\":\"button\",\"action_ts\":\""
        + System.nanoTime()
        + "\"}]}";
  }
}
