package io.budai.voice.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.events.BotStatus;
import io.budai.contracts.events.BotStatusChanged;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.VoiceCallEnded;
import io.budai.contracts.events.VoiceCallStarted;
import io.budai.contracts.segments.Segment;
import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import io.budai.voice.fakes.EventsLog;
import io.budai.voice.fakes.FakeBudai;
import io.budai.voice.fakes.FakeDeepgram;
import io.budai.voice.fakes.SegmentsLog;
import io.budai.voice.fakes.TestAudio;
import io.budai.voice.fakes.WsClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Voice calls end to end on the real bus: Slack's {@code voice.call.started} creates the meeting,
 * participants stream from the join link, the call ends after its last stream (or when Slack or the
 * owner ends it) with {@code voice.call.ended} and the meeting's end.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class CallsIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SLACK = "slack-integration-service";
  private static final FakeDeepgram DEEPGRAM = new FakeDeepgram("dg-calls");
  private static final FakeBudai BUDAI = new FakeBudai();

  @DynamicPropertySource
  static void fakes(DynamicPropertyRegistry registry) {
    registry.add("budai.voice.stt.engine", () -> "deepgram");
    registry.add("budai.voice.stt.deepgram.api-key", () -> "dg-calls");
    registry.add("budai.voice.stt.deepgram.url", () -> DEEPGRAM.url().toString());
    registry.add("budai.voice.services.admin-url", BUDAI::url);
    registry.add("budai.voice.services.collector-url", BUDAI::url);
    registry.add("budai.voice.calls.public-url", () -> "https://budai.example.com");
    registry.add("budai.voice.calls.grace", () -> "1s");
    registry.add("budai.voice.calls.join-timeout", () -> "4s");
    registry.add("budai.voice.calls.sweep", () -> "200ms");
    registry.add("budai.bus.poll-timeout", () -> "200ms");
  }

  @AfterAll
  static void stopFakes() {
    DEEPGRAM.close();
    BUDAI.close();
  }

  @LocalServerPort int port;
  @Autowired StringRedisTemplate redis;

  private EventsLog events() {
    return new EventsLog(redis);
  }

  /** Slack starts a call and waits until voice-realtime registered it; returns the meeting id. */
  private String slackStarts(String callId, String user) {
    events()
        .publishAs(
            SLACK,
            new VoiceCallStarted(
                callId,
                UUID.randomUUID().toString(),
                "C0CALLS",
                user,
                "https://budai.example.com/calls/" + callId),
            user);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                BUDAI.created().stream()
                    .anyMatch(b -> b.path("native_meeting_id").asString().equals(callId)));
    JsonNode created =
        BUDAI.created().stream()
            .filter(b -> b.path("native_meeting_id").asString().equals(callId))
            .findFirst()
            .orElseThrow();
    assertThat(created.path("user_id").asString()).isEqualTo(user);
    assertThat(created.path("platform").asString()).isEqualTo("browser_session");
    assertThat(created.path("data").path("slack_channel_id").asString()).isEqualTo("C0CALLS");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> BootChecks.get(port, "/calls/" + callId).statusCode() == 200);
    return BUDAI.created().stream()
        .filter(b -> b.path("native_meeting_id").asString().equals(callId))
        .findFirst()
        .map(b -> meetingOf(callId))
        .orElseThrow();
  }

  private String meetingOf(String callId) {
    return redis.opsForHash().get("budai:voice:call:{" + callId + "}", "meeting_id").toString();
  }

  private WsClient join(String callId, String name) {
    return WsClient.connect(
        URI.create("ws://127.0.0.1:" + port + "/ws/audio?call_id=" + callId + "&speaker=" + name));
  }

  private List<BotStatus> botStatuses(String meetingId) {
    return events().of(BotStatusChanged.class).stream()
        .map(EventEnvelope::payload)
        .filter(e -> e.meetingId().equals(meetingId))
        .map(BotStatusChanged::status)
        .toList();
  }

  @Test
  void aSlackCallRecordsItsParticipantsAndEndsAfterTheLastOneLeaves() {
    String callId = UUID.randomUUID().toString();
    DEEPGRAM.script("Thanks for joining the call.");
    String meetingId = slackStarts(callId, "7");

    HttpResponse<String> page = BootChecks.get(port, "/calls/" + callId);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("\"" + callId + "\"").contains("/ws/audio?call_id=");

    try (WsClient dana = join(callId, "Dana")) {
      assertThat(dana.await("ready").path("meeting_id").asString()).isEqualTo(meetingId);
      dana.await("started");
      dana.frames(TestAudio.at(16000).silence(300).tone(300, 1000).silence(700).frames(20));
      dana.json(Map.of("type", "stop"));
      assertThat(dana.awaitClose().code()).isEqualTo(1000);
    }

    SegmentsLog log = new SegmentsLog(redis);
    assertThat(log.segments(meetingId))
        .filteredOn(Segment::completed)
        .extracting(Segment::speaker, Segment::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Dana", "Thanks for joining the call."));

    // the last stream left: after the grace period the call ends, once
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                events().of(VoiceCallEnded.class).stream()
                    .anyMatch(e -> e.payload().callId().equals(callId)));
    List<EventEnvelope<VoiceCallEnded>> ended =
        events().of(VoiceCallEnded.class).stream()
            .filter(e -> e.payload().callId().equals(callId))
            .toList();
    assertThat(ended).hasSize(1);
    assertThat(ended.getFirst().source()).isEqualTo("voice-realtime-service");
    assertThat(ended.getFirst().userId()).isEqualTo("7");
    assertThat(ended.getFirst().payload().meetingId()).isEqualTo(meetingId);
    assertThat(ended.getFirst().payload().channelId()).isEqualTo("C0CALLS");
    assertThat(botStatuses(meetingId)).containsExactly(BotStatus.IN_CALL, BotStatus.ENDED);

    assertThat(BootChecks.get(port, "/calls/" + callId).statusCode()).isEqualTo(404);
    try (WsClient late = join(callId, "Late")) {
      assertThat(late.awaitClose()).isEqualTo(new WsClient.Close(4403, "No open call " + callId));
    }
  }

  @Test
  void slackEndingTheCallStopsItsOpenStreamsAndCompletesTheMeeting() {
    String callId = UUID.randomUUID().toString();
    String meetingId = slackStarts(callId, "7");
    try (WsClient erin = join(callId, "Erin")) {
      erin.await("started");
      erin.frames(TestAudio.at(16000).silence(200).frames(20));
      await().atMost(Duration.ofSeconds(5)).until(() -> botStatuses(meetingId).size() == 1);

      events()
          .publishAs(
              SLACK, new VoiceCallEnded(callId, "slack-ref", "C0CALLS", "7", Instant.now()), "7");

      assertThat(erin.await("ending").path("reason").asString()).isEqualTo("call_ended");
      erin.await("stopped");
      assertThat(erin.awaitClose().code()).isEqualTo(1000);
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> botStatuses(meetingId).contains(BotStatus.ENDED));
    // Slack announced the end; voice-realtime does not announce it again
    assertThat(events().of(VoiceCallEnded.class))
        .filteredOn(e -> e.payload().callId().equals(callId))
        .extracting(EventEnvelope::source)
        .containsExactly(SLACK);
  }

  @Test
  void anApiUserStartsAndEndsACall() {
    HttpResponse<String> created = call("POST", "/api/calls", "{\"title\":\"Design review\"}", "8");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode call = JSON.readTree(created.body());
    String callId = call.path("call_id").asString();
    assertThat(call.path("join_url").asString())
        .isEqualTo("https://budai.example.com/calls/" + callId);
    assertThat(call.path("status").asString()).isEqualTo("active");
    assertThat(created.headers().firstValue("Location")).hasValue("/api/calls/" + callId);
    String meetingId = call.path("meeting_id").asString();
    assertThat(BUDAI.meeting(meetingId).userId()).isEqualTo("8");

    assertThat(events().of(VoiceCallStarted.class))
        .filteredOn(e -> e.payload().callId().equals(callId))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("voice-realtime-service");
              assertThat(e.payload().meetingId()).isEqualTo(meetingId);
              assertThat(e.userId()).isEqualTo("8");
            });
    assertThat(call("GET", "/api/calls/" + callId, null, "8").statusCode()).isEqualTo(200);
    assertThat(call("GET", "/api/calls/" + callId, null, "7").statusCode()).isEqualTo(404);
    assertThat(call("POST", "/api/calls/" + callId + "/end", null, "7").statusCode())
        .isEqualTo(404);

    HttpResponse<String> end = call("POST", "/api/calls/" + callId + "/end", null, "8");
    assertThat(end.statusCode()).as(end.body()).isEqualTo(200);
    assertThat(JSON.readTree(end.body()).path("status").asString()).isEqualTo("ended");
    assertThat(JSON.readTree(end.body()).path("end_reason").asString()).isEqualTo("ended_by_user");
    assertThat(call("POST", "/api/calls/" + callId + "/end", null, "8").statusCode())
        .isEqualTo(409);
    // nobody ever joined: the meeting fails rather than completing with nothing to summarize
    assertThat(botStatuses(meetingId)).containsExactly(BotStatus.FAILED);
    assertThat(events().of(VoiceCallEnded.class))
        .filteredOn(e -> e.payload().callId().equals(callId))
        .hasSize(1);
  }

  @Test
  void aCallNobodyJoinsEndsAfterTheJoinTimeout() {
    String callId = UUID.randomUUID().toString();
    String meetingId = slackStarts(callId, "7");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> botStatuses(meetingId).contains(BotStatus.FAILED));
    assertThat(call("GET", "/api/calls/" + callId, null, "7").body())
        .contains("\"end_reason\":\"nobody_joined\"");
  }

  @Test
  void callsNeedAUserAndBadCallIdsAreRefused() {
    assertThat(call("POST", "/api/calls", "{}", null).statusCode()).isEqualTo(401);
    assertThat(
            call("POST", "/api/calls", "{\"title\":\"" + "x".repeat(300) + "\"}", "7").statusCode())
        .isEqualTo(400);
    assertThat(BootChecks.get(port, "/calls/not-a-call").statusCode()).isEqualTo(404);
    try (WsClient bad =
        WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/audio?call_id=x"))) {
      assertThat(bad.awaitClose())
          .isEqualTo(new WsClient.Close(4400, "call_id is not a valid call id"));
    }
  }

  private HttpResponse<String> call(String method, String path, String body, String user) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      request.header(BudaiHeaders.USER_ID, user);
    }
    return BootChecks.send(request);
  }
}
