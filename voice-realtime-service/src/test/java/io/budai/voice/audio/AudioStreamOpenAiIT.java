package io.budai.voice.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.segments.Segment;
import io.budai.contracts.segments.SessionStart;
import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import io.budai.voice.fakes.FakeBudai;
import io.budai.voice.fakes.FakeOpenAi;
import io.budai.voice.fakes.SegmentsLog;
import io.budai.voice.fakes.TestAudio;
import io.budai.voice.fakes.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /ws/audio} with the OpenAI-compatible engine: utterances cut at silences, one request
 * each, segments in order; and back-pressure when the server is slower than the audio.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AudioStreamOpenAiIT {

  private static final FakeOpenAi WHISPER = new FakeOpenAi("sk-whisper");
  private static final FakeBudai BUDAI =
      new FakeBudai().key("key-carol", "9").meeting("301", "9").meeting("302", "9");

  @DynamicPropertySource
  static void fakes(DynamicPropertyRegistry registry) {
    registry.add("budai.voice.stt.engine", () -> "openai");
    registry.add("budai.voice.stt.openai.base-url", WHISPER::baseUrl);
    registry.add("budai.voice.stt.openai.api-key", () -> "sk-whisper");
    registry.add("budai.voice.stt.openai.model", () -> "Systran/faster-whisper-small");
    registry.add("budai.voice.stt.openai.max-in-flight", () -> "2");
    registry.add("budai.voice.audio.max-buffer", () -> "2s");
    registry.add("budai.voice.services.admin-url", BUDAI::url);
    registry.add("budai.voice.services.collector-url", BUDAI::url);
  }

  @AfterAll
  static void stopFakes() {
    WHISPER.close();
    BUDAI.close();
  }

  @AfterEach
  void fastAgain() {
    WHISPER.latency(n -> Duration.ZERO);
  }

  @LocalServerPort int port;
  @Autowired StringRedisTemplate redis;

  private WsClient open(String meetingId) {
    return WsClient.connect(
        URI.create("ws://127.0.0.1:" + port + "/ws/audio?meeting_id=" + meetingId),
        Map.of(BudaiHeaders.API_KEY, "key-carol"));
  }

  @Test
  void utterancesAreCutAtSilencesSentOneByOneAndStoredInOrder() {
    int before = WHISPER.transcriptions().size();
    try (WsClient client = open("301")) {
      client.await("ready");
      client.json(Map.of("type", "start", "sample_rate", 16000, "speaker", "Carol"));
      client
          .pace(
              TestAudio.at(16000)
                  .silence(400)
                  .tone(300, 800)
                  .silence(1000)
                  .tone(500, 800)
                  .silence(1000)
                  .tone(700, 800)
                  .silence(1000)
                  .frames(20),
              Duration.ofMillis(10))
          .join();
      client.json(Map.of("type", "stop"));
      assertThat(client.await("stopped").path("dropped_frames").asInt()).isZero();
      assertThat(client.awaitClose().code()).isEqualTo(1000);
    }
    assertThat(WHISPER.transcriptions().size() - before).isEqualTo(3);
    SegmentsLog log = new SegmentsLog(redis);
    assertThat(log.segments("301"))
        .extracting(Segment::text)
        .containsExactly("tone 300 hz", "tone 500 hz", "tone 700 hz");
    assertThat(log.segments("301"))
        .allSatisfy(
            s -> {
              assertThat(s.completed()).isTrue();
              assertThat(s.speaker()).isEqualTo("Carol");
            });
    SessionStart start = (SessionStart) log.of("301").getFirst();
    assertThat(start.model()).isEqualTo("openai:Systran/faster-whisper-small");
    assertThat(log.segments("301"))
        .extracting(Segment::segmentId)
        .containsExactly(start.uid() + ":0", start.uid() + ":1", start.uid() + ":2");
  }

  @Test
  void aSlowServerMakesTheStreamDropFramesInsteadOfBufferingWithoutBound() {
    WHISPER.latency(n -> Duration.ofMillis(1500));
    double droppedBefore = droppedMetric();
    TestAudio audio = TestAudio.at(16000).silence(200);
    for (int i = 0; i < 6; i++) {
      audio.tone(300 + 100 * i, 600).silence(700);
    }
    try (WsClient client = open("302")) {
      client.await("ready");
      client.json(Map.of("type", "start", "sample_rate", 16000));
      client.pace(audio.frames(20), Duration.ofMillis(4)).join();
      assertThat(client.await("warning").path("code").asString()).isEqualTo("frames_dropped");
      client.json(Map.of("type", "stop"));
      assertThat(client.await("stopped").path("dropped_frames").asInt()).isPositive();
      assertThat(client.awaitClose().code()).isEqualTo(1000);
    }
    assertThat(droppedMetric()).isGreaterThan(droppedBefore);
    assertThat(BootChecks.get(port, "/actuator/health").statusCode()).isEqualTo(200);
  }

  private double droppedMetric() {
    Matcher m =
        Pattern.compile("voice_audio_frames_dropped_total\\{[^}]*} ([0-9.E]+)")
            .matcher(BootChecks.get(port, "/actuator/prometheus").body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
