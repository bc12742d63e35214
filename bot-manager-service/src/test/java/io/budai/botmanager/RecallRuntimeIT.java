package io.budai.botmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.test.RealInfrastructure;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
 * The Recall runtime against a local fake Recall speaking its documented API and webhooks, with the
 * real transcription-collector: Recall's status webhooks drive the meeting to completed, its
 * transcript events become segments, stopping calls {@code leave_call}, and unsigned, badly signed,
 * stale or replayed webhooks change nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecallRuntimeIT {

  private static final FakeAdminService admin = FakeAdminServiceHolder.start();
  private static final FakeRecall recall = startRecall();

  @LocalServerPort int port;
  private Http bots;
  private Http collector;
  private String user;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("bots.collector-url", () -> CollectorProcess.shared().url());
    registry.add("bots.admin-service-url", admin::url);
    registry.add("bots.runtime", () -> "auto");
    registry.add("bots.recall.api-key", () -> FakeRecall.API_KEY);
    registry.add("bots.recall.base-url", recall::url);
    registry.add("bots.recall.webhook-secret", () -> recall.secret);
    registry.add("bots.recall.public-url", () -> "https://budai.example.com/");
  }

  @AfterAll
  static void stop() {
    admin.close();
    recall.close();
  }

  @BeforeEach
  void setUp() {
    bots = Http.port(port);
    collector = new Http(CollectorProcess.shared().url());
    recall.target("http://127.0.0.1:" + port);
    user = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 1_000_000_000));
  }

  @Test
  void recallWebhooksDriveTheMeetingToCompletedWithItsTranscript() {
    String nativeId = "rcl-" + UUID.randomUUID().toString().substring(0, 4) + "-abc";
    HttpResponse<String> created =
        bots.post(
            user,
            "/bots",
            """
            {"platform":"zoom","native_meeting_id":"%d","passcode":"s3cret","bot_name":"Notes",
             "automatic_leave":{"max_wait_for_admission":600000,"max_time_left_alone":30000}}"""
                .formatted(ThreadLocalRandom.current().nextLong(100_000_000L, 9_999_999_999L)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long meetingId = Http.json(created).get("id").asLong();
    String zoomId = Http.json(created).get("native_meeting_id").asString();

    JsonNode body =
        recall.created.stream()
            .filter(b -> b.at("/metadata/meeting_id").asString().equals("" + meetingId))
            .findFirst()
            .orElseThrow();
    assertThat(body.get("meeting_url").asString())
        .isEqualTo("https://zoom.us/j/" + zoomId + "?pwd=s3cret");
    assertThat(body.get("bot_name").asString()).isEqualTo("Notes");
    assertThat(body.at("/recording_config/realtime_endpoints/0/url").asString())
        .isEqualTo("https://budai.example.com/recall/webhook");
    assertThat(body.at("/recording_config/realtime_endpoints/0/events").toString())
        .contains("transcript.data", "transcript.partial_data");
    assertThat(body.at("/recording_config/transcript/provider/recallai_streaming/mode").asString())
        .isEqualTo("prioritize_low_latency");
    assertThat(body.at("/automatic_leave/waiting_room_timeout").asLong()).isEqualTo(600);
    assertThat(body.at("/automatic_leave/everyone_left_timeout/timeout").asLong()).isEqualTo(30);
    assertThat(recall.authorizations).contains("Token " + FakeRecall.API_KEY);

    String recallId = recall.recallIdOf(meetingId);
    assertThat(recall.status(recallId, "joining_call", null)).isEqualTo(200);
    assertThat(recall.status(recallId, "in_waiting_room", null)).isEqualTo(200);
    awaitStatus(meetingId, "awaiting_admission");
    assertThat(recall.status(recallId, "in_call_recording", null)).isEqualTo(200);
    awaitStatus(meetingId, "active");
    assertThat(recall.transcript(recallId, 100, "Alice", 1.0, "hello every", true)).isEqualTo(200);
    assertThat(recall.transcript(recallId, 100, "Alice", 1.0, "hello everyone welcome", false))
        .isEqualTo(200);
    assertThat(recall.transcript(recallId, 200, "Bob", 3.0, "thanks for having me", false))
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        TestMeetings.texts(
                            collector.getOk(user, "/transcripts/by-id/" + meetingId)))
                    .containsExactly("Alice: hello everyone welcome", "Bob: thanks for having me"));

    HttpResponse<String> stopping = bots.delete(user, "/bots/zoom/" + zoomId);
    assertThat(stopping.statusCode()).isEqualTo(202);
    assertThat(recall.leaveCalls).contains(recallId);
    JsonNode done = awaitStatus(meetingId, "completed");
    assertThat(done.get("completion_reason").asString()).isEqualTo("stopped");
  }

  @Test
  void aFatalRecallBotFailsTheMeetingAndTheLegacyStatusEventIsUnderstood() {
    long meetingId = createGoogleMeetBot();
    String recallId = recall.recallIdOf(meetingId);
    assertThat(recall.legacyStatus(recallId, "joining_call")).isEqualTo(200);
    awaitStatus(meetingId, "joining");
    assertThat(recall.status(recallId, "fatal", "bot_errored")).isEqualTo(200);
    JsonNode failed = awaitStatus(meetingId, "failed");
    assertThat(failed.get("failure_stage").asString()).isEqualTo("joining");
    assertThat(failed.at("/data/error").asString()).contains("bot_errored");
  }

  @Test
  void refusesUnsignedBadlySignedStaleOrReplayedWebhooks() {
    long meetingId = createGoogleMeetBot();
    String recallId = recall.recallIdOf(meetingId);
    String body =
        """
        {"event":"bot.joining_call","data":{"bot":{"id":"%s","metadata":{}},
         "data":{"code":"joining_call","sub_code":null,"updated_at":"%s"}}}"""
            .formatted(recallId, Instant.now());
    String id = UUID.randomUUID().toString();
    String now = String.valueOf(Instant.now().getEpochSecond());
    assertThat(recall.post(body, null, null, null)).isEqualTo(401);
    assertThat(recall.send(body, id, false)).isEqualTo(401);
    String stale = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());
    assertThat(recall.post(body, id, stale, recall.sign(id, stale, body))).isEqualTo(401);
    // signed for another body
    assertThat(
            recall.post(body.replace("joining_call", "fatal"), id, now, recall.sign(id, now, body)))
        .isEqualTo(401);
    assertThat(collector.getOk(user, "/meetings/" + meetingId).get("status").asString())
        .isEqualTo("requested");

    assertThat(recall.post(body, id, now, recall.sign(id, now, body))).isEqualTo(200);
    awaitStatus(meetingId, "joining");
    // the same delivery again is acknowledged and ignored
    assertThat(recall.post(body, id, now, recall.sign(id, now, body))).isEqualTo(200);
    assertThat(recall.status(recallId, "fatal", "bot_errored")).isEqualTo(200);
    awaitStatus(meetingId, "failed");
  }

  @Test
  void refusesToReconfigureARecallBot() {
    long meetingId = createGoogleMeetBot();
    String recallId = recall.recallIdOf(meetingId);
    recall.status(recallId, "in_call_recording", null);
    awaitStatus(meetingId, "active");
    String nativeId =
        collector.getOk(user, "/meetings/" + meetingId).get("native_meeting_id").asString();
    HttpResponse<String> refused =
        bots.put(user, "/bots/google_meet/" + nativeId + "/config", "{\"language\":\"de\"}");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(Http.json(refused).get("detail").asString()).contains("cannot change language");
    bots.delete(user, "/bots/google_meet/" + nativeId);
    awaitStatus(meetingId, "completed");
  }

  private long createGoogleMeetBot() {
    HttpResponse<String> created =
        bots.post(
            user,
            "/bots",
            "{\"platform\":\"google_meet\",\"native_meeting_id\":\""
                + TestMeetings.meetId()
                + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Http.json(created).get("id").asLong();
  }

  private JsonNode awaitStatus(long meetingId, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(collector.getOk(user, "/meetings/" + meetingId).get("status").asString())
                    .isEqualTo(status));
    return collector.getOk(user, "/meetings/" + meetingId);
  }

  private static FakeRecall startRecall() {
    try {
      return new FakeRecall();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
