package io.budai.botmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.test.RealInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The {@code /bots} API on the simulated runtime against the real transcription-collector (a
 * process on the same Redis and PostgreSQL) and a fake admin-service for plan limits: validation
 * (422), duplicates (409), quotas (429, and the fallback while admin-service is down), stop,
 * reconfiguration (409 unless active), status, paging, automatic leave and tenant isolation.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BotApiIT {

  private static final FakeAdminService admin = startAdmin();

  @LocalServerPort int port;

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.data.redis.core.StringRedisTemplate redis;

  private Http bots;
  private Http collector;
  private String user;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("bots.collector-url", () -> CollectorProcess.shared().url());
    registry.add("bots.admin-service-url", admin::url);
    registry.add("bots.runtime", () -> "simulated");
    registry.add("bots.simulated.join-delay", () -> "100ms");
    registry.add("bots.simulated.admission-delay", () -> "100ms");
    registry.add("bots.simulated.left-alone-wait", () -> "200ms");
    registry.add("bots.leave-timeout", () -> "5s");
    registry.add("bots.simulated.orphan-after", () -> "3s");
    registry.add("budai.clients.max-attempts", () -> "1");
  }

  @AfterAll
  static void stopAdmin() {
    admin.close();
  }

  @BeforeEach
  void setUp() {
    bots = Http.port(port);
    collector = new Http(CollectorProcess.shared().url());
    user = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 1_000_000_000));
  }

  @Test
  void refusesMeetingsItCannotJoinWith422AndAClearMessage() {
    assertRefused("{\"platform\":\"skype\",\"native_meeting_id\":\"x\"}", "Unknown platform");
    assertRefused("{\"platform\":\"google_meet\",\"native_meeting_id\":\"abc\"}", "abc-defg-hij");
    assertRefused("{\"meeting_url\":\"http://meet.google.com/abc-defg-hij\"}", "https://");
    assertRefused("{\"meeting_url\":\"https://127.0.0.1/j/123456789\"}", "IP address");
    assertRefused("{\"meeting_url\":\"https://localhost/abc-defg-hij\"}", "localhost");
    assertRefused("{\"meeting_url\":\"https://example.com/room\"}", "Unsupported meeting host");
    assertRefused("{\"platform\":\"zoom\",\"native_meeting_id\":\"12ab\"}", "9–11 digits");
    assertRefused("{\"platform\":\"teams\",\"native_meeting_id\":\"abc\"}", "Teams");
    assertRefused(
        "{\"platform\":\"google_meet\",\"native_meeting_id\":\"abc-defg-hij\",\"passcode\":\"secret12\"}",
        "no passcode");
    assertRefused(
        "{\"platform\":\"google_meet\",\"native_meeting_id\":\"abc-defg-hij\",\"automatic_leave\":{\"bogus\":1}}",
        "Unknown automatic_leave key");
    assertRefused(
        "{\"platform\":\"google_meet\",\"native_meeting_id\":\"abc-defg-hij\",\"language\":\"English\"}",
        "language");
    assertRefused(
        "{\"platform\":\"google_meet\",\"native_meeting_id\":\"abc-defg-hij\",\"task\":\"dance\"}",
        "task");
    assertRefused(
        "{\"platform\":\"google_meet\",\"native_meeting_id\":\"abc-defg-hij\",\"replay\":{\"speed\":0}}",
        "replay.speed");
    assertRefused(
        "{\"platform\":\"google_meet\",\"native_meeting_id\":\"abc-defg-hij\",\"replay\":{\"sample\":\"nope\"}}",
        "ES2002a");
    assertRefused("{\"platform\":\"google_meet\"}", "native_meeting_id");
    assertRefused("not json", "not valid JSON");
    assertRefused("{\"platform\":\"google_meet\",\"native_meeting_id\":[1]}", "wrong type");
    assertThat(bots.post(null, "/bots", "{}").statusCode()).isEqualTo(401);
  }

  @Test
  void startsABotFromAMeetingLinkThatReplaysAndCompletesTheMeeting() {
    String nativeId = TestMeetings.meetId();
    HttpResponse<String> created =
        bots.post(
            user,
            "/bots",
            """
            {"meeting_url":"https://meet.google.com/%s","bot_name":"Notetaker",
             "slack_channel_id":"C0123","replay":{"speed":200,"segments":[
               {"speaker":"Laura","text":"Welcome to the kick-off meeting everyone"},
               {"speaker":"David","text":"Thanks Laura, happy to be here"}]}}"""
                .formatted(nativeId));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode meeting = Http.json(created);
    assertThat(meeting.get("platform").asString()).isEqualTo("google_meet");
    assertThat(meeting.get("native_meeting_id").asString()).isEqualTo(nativeId);
    assertThat(meeting.get("constructed_meeting_url").asString())
        .isEqualTo("https://meet.google.com/" + nativeId);
    assertThat(meeting.get("status").asString()).isEqualTo("requested");
    assertThat(meeting.at("/data/bot_name").asString()).isEqualTo("Notetaker");
    assertThat(meeting.at("/data/slack_channel_id").asString()).isEqualTo("C0123");
    long meetingId = meeting.get("id").asLong();

    JsonNode done = awaitStatus(meetingId, "completed");
    assertThat(done.get("completion_reason").asString()).isEqualTo("left_alone");
    List<String> statuses =
        StreamSupport.stream(done.at("/data/status_transition").spliterator(), false)
            .map(t -> t.get("to").asString())
            .toList();
    assertThat(statuses)
        .containsExactly(
            "requested", "joining", "awaiting_admission", "active", "stopping", "completed");
    JsonNode transcript = collector.getOk(user, "/transcripts/by-id/" + meetingId);
    assertThat(TestMeetings.texts(transcript))
        .containsExactly(
            "Laura: Welcome to the kick-off meeting everyone",
            "David: Thanks Laura, happy to be here");
    assertThat(bots.getOk(user, "/bots/status").get("running_bots")).isEmpty();
  }

  @Test
  void refusesASecondBotForAMeetingThatHasOneRunningWith409() {
    String nativeId = TestMeetings.meetId();
    String body = longReplay("google_meet", nativeId);
    HttpResponse<String> first = bots.post(user, "/bots", body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    HttpResponse<String> second = bots.post(user, "/bots", body);
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Http.json(second).get("meeting_id").asLong())
        .isEqualTo(Http.json(first).get("id").asLong());

    stop("google_meet", nativeId);
    awaitStatus(Http.json(first).get("id").asLong(), "completed");
    assertThat(bots.post(user, "/bots", shortReplay("google_meet", nativeId)).statusCode())
        .isEqualTo(201);
  }

  @Test
  void refusesBotsBeyondThePlansConcurrencyLimitWith429() {
    admin.limit(user, 1);
    String first = TestMeetings.meetId();
    assertThat(bots.post(user, "/bots", longReplay("google_meet", first)).statusCode())
        .isEqualTo(201);
    HttpResponse<String> over =
        bots.post(user, "/bots", longReplay("google_meet", TestMeetings.meetId()));
    assertThat(over.statusCode()).isEqualTo(429);
    assertThat(Http.json(over).get("detail").asString())
        .isEqualTo("User has reached the maximum concurrent bot limit (1).");
    assertThat(bots.getOk(user, "/bots/status").get("count").asInt()).isEqualTo(1);

    stop("google_meet", first);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> assertThat(bots.getOk(user, "/bots/status").get("count").asInt()).isZero());
    String next = TestMeetings.meetId();
    assertThat(bots.post(user, "/bots", shortReplay("google_meet", next)).statusCode())
        .isEqualTo(201);

    String exhausted = user + "9";
    admin.refuse(exhausted, "transcription-quota-exhausted");
    HttpResponse<String> refused =
        bots.post(exhausted, "/bots", shortReplay("google_meet", TestMeetings.meetId()));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(Http.json(refused).get("reason").asString())
        .isEqualTo("transcription-quota-exhausted");
  }

  @Test
  void keepsASmallLimitWhileAdminServiceIsDown() {
    admin.down(true);
    try {
      String first = TestMeetings.meetId();
      assertThat(bots.post(user, "/bots", longReplay("google_meet", first)).statusCode())
          .isEqualTo(201);
      HttpResponse<String> second =
          bots.post(user, "/bots", longReplay("google_meet", TestMeetings.meetId()));
      assertThat(second.statusCode()).isEqualTo(429);
      stop("google_meet", first);
    } finally {
      admin.down(false);
    }
  }

  @Test
  void reconfiguresOnlyABotWhoseMeetingIsActive() {
    String waiting = TestMeetings.meetId();
    HttpResponse<String> inWaitingRoom =
        bots.post(
            user,
            "/bots",
            """
            {"platform":"google_meet","native_meeting_id":"%s",
             "replay":{"speed":1,"admission_delay_ms":600000,
                       "segments":[{"speaker":"A","text":"never heard"}]}}"""
                .formatted(waiting));
    assertThat(inWaitingRoom.statusCode()).isEqualTo(201);
    awaitStatus(Http.json(inWaitingRoom).get("id").asLong(), "awaiting_admission");
    HttpResponse<String> notActive =
        bots.put(user, "/bots/google_meet/" + waiting + "/config", "{\"language\":\"de\"}");
    assertThat(notActive.statusCode()).isEqualTo(409);
    assertThat(Http.json(notActive).get("detail").asString()).contains("awaiting_admission");
    stop("google_meet", waiting);

    String nativeId = TestMeetings.meetId();
    HttpResponse<String> created = bots.post(user, "/bots", longReplay("google_meet", nativeId));
    long meetingId = Http.json(created).get("id").asLong();
    awaitStatus(meetingId, "active");
    assertThat(
            bots.put(user, "/bots/google_meet/" + nativeId + "/config", "{\"language\":\"EN!\"}")
                .statusCode())
        .isEqualTo(422);
    assertThat(bots.put(user, "/bots/google_meet/" + nativeId + "/config", "{}").statusCode())
        .isEqualTo(422);
    HttpResponse<String> accepted =
        bots.put(user, "/bots/google_meet/" + nativeId + "/config", "{\"language\":\"de\"}");
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(Http.json(accepted).get("message").asString())
        .isEqualTo("Reconfiguration request accepted and sent to the bot.");
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        StreamSupport.stream(
                                collector
                                    .getOk(user, "/transcripts/by-id/" + meetingId)
                                    .get("segments")
                                    .spliterator(),
                                false)
                            .map(s -> s.get("language").asString()))
                    .contains("de"));
    stop("google_meet", nativeId);
    assertThat(
            bots.put(
                    user,
                    "/bots/google_meet/" + TestMeetings.meetId() + "/config",
                    "{\"language\":\"de\"}")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void stopsABotAndAnswersLaterStopsIdempotently() {
    String nativeId = TestMeetings.meetId();
    long meetingId =
        Http.json(bots.post(user, "/bots", longReplay("google_meet", nativeId))).get("id").asLong();
    awaitStatus(meetingId, "active");
    HttpResponse<String> stopping = bots.delete(user, "/bots/google_meet/" + nativeId);
    assertThat(stopping.statusCode()).isEqualTo(202);
    assertThat(Http.json(stopping).get("message").asString())
        .isEqualTo("Stop request accepted and is being processed.");
    JsonNode done = awaitStatus(meetingId, "completed");
    assertThat(done.get("completion_reason").asString()).isEqualTo("stopped");
    HttpResponse<String> again = bots.delete(user, "/bots/google_meet/" + nativeId);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(Http.json(again).get("message").asString()).isEqualTo("Meeting already completed.");
    assertThat(bots.delete(user, "/bots/google_meet/" + TestMeetings.meetId()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void anotherUserCanNeitherSeeNorStopNorReconfigureTheBot() {
    String nativeId = TestMeetings.meetId();
    long meetingId =
        Http.json(bots.post(user, "/bots", longReplay("google_meet", nativeId))).get("id").asLong();
    awaitStatus(meetingId, "active");
    String other = user + "7";
    assertThat(bots.delete(other, "/bots/google_meet/" + nativeId).statusCode()).isEqualTo(404);
    assertThat(
            bots.put(other, "/bots/google_meet/" + nativeId + "/config", "{\"language\":\"de\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(bots.getOk(other, "/bots/status").get("running_bots")).isEmpty();
    assertThat(bots.getOk(other, "/bots").get("meetings")).isEmpty();
    assertThat(collector.get(other, "/meetings/" + meetingId).statusCode()).isEqualTo(404);
    assertThat(bots.getOk(user, "/bots/status").at("/running_bots/0/meeting_id").asLong())
        .isEqualTo(meetingId);
    stop("google_meet", nativeId);
  }

  @Test
  void listsTheUsersBotsAPageAtATime() {
    for (int i = 0; i < 2; i++) {
      assertThat(
              bots.post(user, "/bots", shortReplay("google_meet", TestMeetings.meetId()))
                  .statusCode())
          .isEqualTo(201);
    }
    JsonNode page = bots.getOk(user, "/bots?limit=1");
    assertThat(page.get("meetings")).hasSize(1);
    assertThat(page.get("has_more").asBoolean()).isTrue();
    assertThat(bots.getOk(user, "/bots?limit=1&offset=1").get("has_more").asBoolean()).isFalse();
    assertThat(bots.get(user, "/bots?limit=0").statusCode()).isEqualTo(422);
  }

  @Test
  void failsWhenTheReplayTellsItToAndLeavesOnItsAutomaticLeaveTimeouts() {
    String failing = TestMeetings.meetId();
    long failed =
        Http.json(
                bots.post(
                    user,
                    "/bots",
                    """
                    {"platform":"google_meet","native_meeting_id":"%s",
                     "replay":{"fail_stage":"joining","segments":[{"text":"x y"}]}}"""
                        .formatted(failing)))
            .get("id")
            .asLong();
    JsonNode failedMeeting = awaitStatus(failed, "failed");
    assertThat(failedMeeting.get("failure_stage").asString()).isEqualTo("joining");

    String admissionTimeout = TestMeetings.meetId();
    long waited =
        Http.json(
                bots.post(
                    user,
                    "/bots",
                    """
                    {"platform":"google_meet","native_meeting_id":"%s",
                     "automatic_leave":{"max_wait_for_admission":2000},
                     "replay":{"speed":10,"admission_delay_ms":600000,"segments":[{"text":"x y"}]}}"""
                        .formatted(admissionTimeout)))
            .get("id")
            .asLong();
    assertThat(awaitStatus(waited, "completed").get("completion_reason").asString())
        .isEqualTo("awaiting_admission_timeout");

    String tooLong = TestMeetings.meetId();
    long capped =
        Http.json(
                bots.post(
                    user,
                    "/bots",
                    longReplay(
                        "google_meet", tooLong, "\"automatic_leave\":{\"max_bot_time\":3000},")))
            .get("id")
            .asLong();
    assertThat(awaitStatus(capped, "completed").get("completion_reason").asString())
        .isEqualTo("max_bot_time_exceeded");
  }

  @Test
  void failsASimulatedBotWhoseReplicaDiedWithoutAWord() {
    // a bot another replica ran until it was killed: its hash says in_call, its heartbeat stopped
    String nativeId = TestMeetings.meetId();
    String botId = java.util.UUID.randomUUID().toString();
    HttpResponse<String> meeting =
        collector.post(
            null,
            "/internal/meetings",
            """
            {"user_id":"%s","platform":"google_meet","native_meeting_id":"%s",
             "bot_container_id":"%s"}"""
                .formatted(user, nativeId, botId));
    long meetingId = Http.json(meeting).get("id").asLong();
    String stale = String.valueOf(System.currentTimeMillis() - 60_000);
    redis
        .opsForHash()
        .putAll(
            io.budai.contracts.RedisKeys.bot(botId),
            java.util.Map.ofEntries(
                java.util.Map.entry("bot_id", botId),
                java.util.Map.entry("meeting_id", String.valueOf(meetingId)),
                java.util.Map.entry("user_id", user),
                java.util.Map.entry("platform", "google_meet"),
                java.util.Map.entry("native_meeting_id", nativeId),
                java.util.Map.entry("meeting_url", "https://meet.google.com/" + nativeId),
                java.util.Map.entry("runtime", "simulated"),
                java.util.Map.entry("status", "in_call"),
                java.util.Map.entry(
                    "created_at", java.time.Instant.now().minusSeconds(120).toString()),
                java.util.Map.entry("heartbeat_at", stale)));
    redis.opsForSet().add(io.budai.contracts.RedisKeys.activeBots(user), botId);

    JsonNode failed = awaitStatus(meetingId, "failed");
    assertThat(failed.at("/data/error").asString()).contains("runtime_lost");
    assertThat(redis.opsForHash().get(io.budai.contracts.RedisKeys.bot(botId), "status"))
        .isEqualTo("failed");
    assertThat(bots.getOk(user, "/bots/status").get("count").asInt()).isZero();
  }

  private void assertRefused(String body, String message) {
    HttpResponse<String> response = bots.post(user, "/bots", body);
    assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Http.json(response).get("detail").asString()).as(body).contains(message);
  }

  private JsonNode awaitStatus(long meetingId, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(collector.getOk(user, "/meetings/" + meetingId).get("status").asString())
                    .isEqualTo(status));
    return collector.getOk(user, "/meetings/" + meetingId);
  }

  private void stop(String platform, String nativeId) {
    assertThat(bots.delete(user, "/bots/" + platform + "/" + nativeId).statusCode()).isEqualTo(202);
  }

  private static String shortReplay(String platform, String nativeId) {
    return """
        {"platform":"%s","native_meeting_id":"%s",
         "replay":{"speed":500,"segments":[{"speaker":"A","text":"short meeting indeed"}]}}"""
        .formatted(platform, nativeId);
  }

  private static String longReplay(String platform, String nativeId) {
    return longReplay(platform, nativeId, "");
  }

  /** A replay of a few minutes at real speed: it runs until it is stopped. */
  private static String longReplay(String platform, String nativeId, String extra) {
    String turns =
        String.join(
            ",",
            IntStream.range(0, 60)
                .mapToObj(
                    i ->
                        "{\"speaker\":\"S"
                            + (i % 3)
                            + "\",\"text\":\"turn "
                            + i
                            + " of a long talk\"}")
                .toList());
    return """
        {"platform":"%s","native_meeting_id":"%s",%s
         "replay":{"speed":1,"segments":[%s]}}"""
        .formatted(platform, nativeId, extra, turns);
  }

  private static FakeAdminService startAdmin() {
    try {
      return new FakeAdminService();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
