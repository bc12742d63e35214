package io.budai.voice.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.segments.Segment;
import io.budai.contracts.segments.SegmentMessage;
import io.budai.contracts.segments.SessionEnd;
import io.budai.contracts.segments.SessionStart;
import io.budai.test.RealInfrastructure;
import io.budai.voice.fakes.FakeBudai;
import io.budai.voice.fakes.SegmentsLog;
import io.budai.voice.fakes.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code /ws/segments}: ready-made text segments into {@code budai:segments}. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class SegmentsStreamIT {

  private static final FakeBudai BUDAI =
      new FakeBudai()
          .key("key-dave", "11")
          .meeting("401", "11")
          .meeting("402", "11")
          .meeting("403", "11")
          .meeting("404", "12");

  @DynamicPropertySource
  static void fakes(DynamicPropertyRegistry registry) {
    registry.add("budai.voice.stt.engine", () -> "none");
    registry.add("budai.voice.services.admin-url", BUDAI::url);
    registry.add("budai.voice.services.collector-url", BUDAI::url);
  }

  @AfterAll
  static void stopFakes() {
    BUDAI.close();
  }

  @LocalServerPort int port;
  @Autowired StringRedisTemplate redis;

  private WsClient open(String meetingId) {
    return WsClient.connect(
        URI.create("ws://127.0.0.1:" + port + "/ws/segments?meeting_id=" + meetingId),
        Map.of(BudaiHeaders.API_KEY, "key-dave"));
  }

  @Test
  void batchesOfSegmentsBecomeOneSessionOnTheSegmentsStream() {
    try (WsClient client = open("401")) {
      String uid = client.await("ready").path("session_uid").asString();
      client.json(Map.of("type", "start", "language", "en", "model", "whisperlive"));
      client.await("started");
      client.json(
          Map.of(
              "type",
              "segments",
              "segments",
              List.of(
                  Map.of(
                      "start",
                      0.0,
                      "end",
                      1.5,
                      "speaker",
                      "Dave",
                      "text",
                      "Hello there",
                      "completed",
                      false,
                      "segment_id",
                      "a"),
                  Map.of("start", 1.6, "end", 3.0, "speaker", "Eve", "text", "Hi Dave"))));
      assertThat(client.await("ack").path("count").asInt()).isEqualTo(2);
      client.json(
          Map.of(
              "type",
              "segments",
              "segments",
              List.of(
                  Map.of(
                      "start",
                      0.0,
                      "end",
                      1.5,
                      "speaker",
                      "Dave",
                      "text",
                      "Hello there.",
                      "completed",
                      true,
                      "segment_id",
                      "a"))));
      await().atMost(Duration.ofSeconds(5)).until(() -> client.messages("ack").size() == 2);
      client.json(Map.of("type", "stop"));
      assertThat(client.await("stopped").path("segments").asInt()).isEqualTo(3);
      assertThat(client.awaitClose().code()).isEqualTo(1000);

      SegmentsLog log = new SegmentsLog(redis);
      List<SegmentMessage> messages = log.of("401");
      assertThat(messages).hasSize(4);
      SessionStart start = (SessionStart) messages.getFirst();
      assertThat(start.uid()).isEqualTo(uid);
      assertThat(start.model()).isEqualTo("whisperlive");
      assertThat(start.language()).isEqualTo("en");
      assertThat(start.userId()).isEqualTo("11");
      assertThat(((SessionEnd) messages.getLast()).reason()).isEqualTo("stopped");
      List<Segment> segments = log.segments("401");
      assertThat(segments)
          .extracting(Segment::segmentId)
          .containsExactly(uid + ":a", null, uid + ":a");
      assertThat(segments.getLast().completed()).isTrue();
      assertThat(segments.get(1).completed()).as("completed defaults to true").isTrue();
    }
  }

  @Test
  void anInvalidSegmentIsRefusedByNameAndTheStreamGoesOn() {
    try (WsClient client = open("402")) {
      client.await("ready");
      client.json(
          Map.of(
              "type",
              "segments",
              "segments",
              List.of(
                  Map.of("start", 0.0, "end", 1.0, "text", "fine"),
                  Map.of("start", 2.0, "end", 1.0, "text", "backwards"))));
      assertThat(client.await("error").path("message").asString())
          .isEqualTo("segments[1]: needs 0 <= start <= end");
      client.json(Map.of("type", "segments", "segments", List.of()));
      client.json(Map.of("type", "segments", "segments", List.of(Map.of("start", 0, "end", 1))));
      client.json(Map.of("type", "nonsense"));
      await().atMost(Duration.ofSeconds(5)).until(() -> client.messages("error").size() == 4);
      assertThat(client.messages("error"))
          .extracting(e -> e.path("code").asString())
          .containsExactly("invalid_segment", "invalid_batch", "invalid_segment", "unknown_type");
      client.json(
          Map.of(
              "type", "segments", "segments", List.of(Map.of("start", 0, "end", 1, "text", "ok"))));
      assertThat(client.await("ack").path("count").asInt()).isEqualTo(1);
      assertThat(client.isClosed()).isFalse();
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> new SegmentsLog(redis).of("402").getLast() instanceof SessionEnd);
    SessionEnd end = (SessionEnd) new SegmentsLog(redis).of("402").getLast();
    assertThat(end.reason()).isEqualTo("disconnected");
    assertThat(new SegmentsLog(redis).segments("402"))
        .extracting(Segment::text)
        .containsExactly("ok");
  }

  @Test
  void framesThatAreNotJsonTextCloseTheStreamWithAReason() {
    try (WsClient client = open("403")) {
      client.await("ready");
      client.text("{{{");
      assertThat(client.awaitClose())
          .isEqualTo(new WsClient.Close(1007, "Text frames must be JSON objects"));
    }
    try (WsClient client = open("403")) {
      client.await("ready");
      client.binary(new byte[] {1, 2, 3, 4});
      assertThat(client.awaitClose())
          .isEqualTo(
              new WsClient.Close(
                  1003, "/ws/segments takes JSON text frames; send audio to /ws/audio"));
    }
  }

  @Test
  void authenticationIsTheSameAsForAudio() {
    try (WsClient client =
        WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/segments?meeting_id=401"))) {
      assertThat(client.awaitClose().code()).isEqualTo(4401);
    }
    try (WsClient client = open("404")) {
      assertThat(client.awaitClose().code()).isEqualTo(4403);
    }
  }
}
