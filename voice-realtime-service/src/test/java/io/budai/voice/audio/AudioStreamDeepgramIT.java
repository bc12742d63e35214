package io.budai.voice.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.segments.Segment;
import io.budai.contracts.segments.SegmentMessage;
import io.budai.contracts.segments.SessionEnd;
import io.budai.contracts.segments.SessionStart;
import io.budai.contracts.segments.Transcription;
import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import io.budai.voice.fakes.FakeBudai;
import io.budai.voice.fakes.FakeDeepgram;
import io.budai.voice.fakes.SegmentsLog;
import io.budai.voice.fakes.TestAudio;
import io.budai.voice.fakes.WsClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * {@code /ws/audio} end to end: a WAV and synthesised voices streamed through the service to a fake
 * Deepgram, segments read back from the real {@code budai:segments}; authentication against fake
 * admin-service and collector; bad input.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AudioStreamDeepgramIT {

  private static final String DG_KEY = "dg-it-key";
  private static final FakeDeepgram DEEPGRAM = new FakeDeepgram(DG_KEY);
  private static final FakeBudai BUDAI =
      new FakeBudai()
          .key("key-alice", "7")
          .key("key-bob", "8")
          .meeting("101", "7")
          .meeting("102", "7")
          .meeting("103", "7")
          .meeting("104", "7")
          .meeting("201", "8")
          .meeting(new FakeBudai.Meeting("105", "7", "google_meet", "done-105", "completed"));

  @DynamicPropertySource
  static void fakes(DynamicPropertyRegistry registry) {
    registry.add("budai.voice.stt.engine", () -> "deepgram");
    registry.add("budai.voice.stt.deepgram.api-key", () -> DG_KEY);
    registry.add("budai.voice.stt.deepgram.url", () -> DEEPGRAM.url().toString());
    registry.add("budai.voice.services.admin-url", BUDAI::url);
    registry.add("budai.voice.services.collector-url", BUDAI::url);
    registry.add("budai.voice.audio.max-buffer", () -> "30s");
  }

  @AfterAll
  static void stopFakes() {
    DEEPGRAM.close();
    BUDAI.close();
  }

  @LocalServerPort int port;
  @Autowired StringRedisTemplate redis;

  private URI audio(String query) {
    return URI.create("ws://127.0.0.1:" + port + "/ws/audio?" + query);
  }

  private WsClient open(String meetingId, String key) {
    return WsClient.connect(audio("meeting_id=" + meetingId), Map.of(BudaiHeaders.API_KEY, key));
  }

  /** A 16-bit PCM mono WAV file of {@code pcm}. */
  private static byte[] wav(byte[] pcm, int rate) {
    ByteBuffer wav = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length);
    wav.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    wav.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2);
    wav.putShort((short) 2).putShort((short) 16);
    wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
    return wav.array();
  }

  @Test
  void aWavStreamedToDeepgramBecomesDraftsThenConfirmedSegmentsInOrder() {
    DEEPGRAM.script("Good morning, Bob.", "Morning Alice, shall we start?", "Yes, let's.");
    int rate = 24000;
    byte[] pcm =
        TestAudio.at(rate)
            .silence(600)
            .tone(220, 1500) // Alice: a low voice
            .silence(900)
            .tone(880, 1600) // Bob: a high one
            .silence(900)
            .tone(220, 900)
            .silence(900)
            .bytes();
    byte[] file = wav(pcm, rate);
    int connections = DEEPGRAM.connections().size();

    try (WsClient client = open("101", "key-alice")) {
      JsonNodeAssert.ready(client.await("ready"));
      client.json(Map.of("type", "speaker", "speakers", Map.of("0", "Alice", "1", "Bob")));
      // a WAV file in 40 ms frames: the header comes first and names the sample rate
      List<byte[]> frames = new ArrayList<>();
      int step = rate * 2 / 25;
      for (int i = 0; i < file.length; i += step) {
        byte[] frame = new byte[Math.min(step, file.length - i)];
        System.arraycopy(file, i, frame, 0, frame.length);
        frames.add(frame);
      }
      client.frames(frames).json(Map.of("type", "stop"));

      assertThat(client.await("stopped").path("audio_seconds").asDouble())
          .isCloseTo(pcm.length / 2.0 / rate, within(0.01));
      assertThat(client.awaitClose().code()).isEqualTo(1000);
      assertThat(client.messages("started").getFirst().path("sample_rate").asInt()).isEqualTo(rate);
      assertThat(client.messages("transcript")).isNotEmpty();
      assertThat(client.messages("vad")).hasSizeGreaterThanOrEqualTo(6);
    }

    assertThat(DEEPGRAM.connections().get(connections).query())
        .containsEntry("sample_rate", "24000")
        .containsEntry("encoding", "linear16");

    SegmentsLog log = new SegmentsLog(redis);
    List<SegmentMessage> messages = log.of("101");
    assertThat(messages.getFirst()).isInstanceOf(SessionStart.class);
    SessionStart start = (SessionStart) messages.getFirst();
    assertThat(start.userId()).isEqualTo("7");
    assertThat(start.platform()).isEqualTo("google_meet");
    assertThat(start.nativeMeetingId()).isEqualTo("abc-defg-101");
    assertThat(start.model()).isEqualTo("deepgram:nova-3");
    assertThat(messages.getLast()).isInstanceOf(SessionEnd.class);
    assertThat(((SessionEnd) messages.getLast()).reason()).isEqualTo("stopped");
    assertThat(messages.subList(1, messages.size() - 1))
        .allSatisfy(m -> assertThat(m).isInstanceOf(Transcription.class))
        .allSatisfy(m -> assertThat(m.uid()).isEqualTo(start.uid()));

    List<Segment> segments = log.segments("101");
    List<Segment> finals = segments.stream().filter(Segment::completed).toList();
    assertThat(finals)
        .extracting(Segment::text)
        .containsExactly("Good morning, Bob.", "Morning Alice, shall we start?", "Yes, let's.");
    assertThat(finals).extracting(Segment::speaker).containsExactly("Alice", "Bob", "Alice");
    assertThat(finals.get(0).start()).isCloseTo(0.6, within(0.05));
    assertThat(finals.get(1).start()).isCloseTo(3.0, within(0.05));
    assertThat(finals.get(2).end()).isCloseTo(6.4, within(0.05));
    // each final replaces its drafts: same id, drafts before it, ids unique across finals
    assertThat(finals).extracting(Segment::segmentId).doesNotHaveDuplicates();
    for (Segment fin : finals) {
      int at = segments.indexOf(fin);
      List<Segment> drafts =
          segments.stream()
              .filter(s -> !s.completed() && s.segmentId().equals(fin.segmentId()))
              .toList();
      assertThat(drafts).as("drafts of " + fin.text()).isNotEmpty();
      assertThat(drafts).allSatisfy(d -> assertThat(segments.indexOf(d)).isLessThan(at));
    }

    String metrics = BootChecks.get(port, "/actuator/prometheus").body();
    assertThat(metrics).contains("voice_stt_latency_seconds_count{engine=\"deepgram\"");
    assertThat(metrics).contains("voice_audio_seconds_total");
  }

  @Test
  void theGatewaysForwardedIdentityAuthenticatesWithoutAKey() {
    Map<String, String> headers = new HashMap<>();
    headers.put(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN);
    headers.put(BudaiHeaders.USER_ID, "7");
    try (WsClient client = WsClient.connect(audio("meeting_id=102"), headers)) {
      assertThat(client.await("ready").path("meeting_id").asString()).isEqualTo("102");
      client.json(Map.of("type", "stop"));
      assertThat(client.awaitClose().code()).isEqualTo(1000);
    }
  }

  @Test
  void anApiKeyInTheQueryWorksLikeTheHeader() {
    try (WsClient client = WsClient.connect(audio("meeting_id=103&api_key=key-alice"))) {
      client.await("ready");
      client.json(Map.of("type", "start", "sample_rate", 16000, "language", "en"));
      client.await("started");
      client.json(Map.of("type", "stop"));
      assertThat(client.awaitClose().code()).isEqualTo(1000);
    }
  }

  @Test
  void aMissingOrWrongKeyOrAForgedIdentityCloses4401() {
    try (WsClient client = WsClient.connect(audio("meeting_id=101"))) {
      WsClient.Close close = client.awaitClose();
      assertThat(close.code()).isEqualTo(4401);
      assertThat(close.reason()).contains("Missing API key");
    }
    try (WsClient client = open("101", "not-a-key")) {
      assertThat(client.awaitClose()).isEqualTo(new WsClient.Close(4401, "Invalid API key"));
    }
    // identity headers without the internal token are ignored
    try (WsClient client =
        WsClient.connect(audio("meeting_id=101"), Map.of(BudaiHeaders.USER_ID, "7"))) {
      assertThat(client.awaitClose().code()).isEqualTo(4401);
    }
  }

  @Test
  void someoneElsesOrAnUnknownMeetingCloses4403() {
    try (WsClient client = open("201", "key-alice")) {
      WsClient.Close close = client.awaitClose();
      assertThat(close.code()).isEqualTo(4403);
      assertThat(close.reason()).isEqualTo("Meeting 201 is not yours");
    }
    try (WsClient client = open("999", "key-alice")) {
      assertThat(client.awaitClose().code()).isEqualTo(4403);
    }
    assertThat(new SegmentsLog(redis).of("201")).isEmpty();
  }

  @Test
  void aMissingMeetingIdCloses4400AndAFinishedMeeting4409() {
    try (WsClient client =
        WsClient.connect(audio("x=1"), Map.of(BudaiHeaders.API_KEY, "key-alice"))) {
      assertThat(client.awaitClose()).isEqualTo(new WsClient.Close(4400, "Missing ?meeting_id="));
    }
    try (WsClient client = open("105", "key-alice")) {
      assertThat(client.awaitClose())
          .isEqualTo(new WsClient.Close(4409, "Meeting 105 is already completed"));
    }
  }

  @Test
  void aBadStartFrameCloses4400WithWhatIsWrong() {
    try (WsClient client = open("104", "key-alice")) {
      client.await("ready");
      client.json(Map.of("type", "start", "sample_rate", 1000));
      WsClient.Close close = client.awaitClose();
      assertThat(close.code()).isEqualTo(4400);
      assertThat(close.reason()).contains("sample_rate must be an integer from 8000 to 48000");
    }
    try (WsClient client = open("104", "key-alice")) {
      client.await("ready");
      client.json(Map.of("type", "start", "channels", 2));
      assertThat(client.awaitClose().reason()).startsWith("Only mono audio");
    }
  }

  @Test
  void garbageAndOversizedFramesCloseOnlyTheirOwnStreamWithAClearReason() {
    DEEPGRAM.script("The good stream goes on.");
    try (WsClient good = open("104", "key-alice")) {
      good.await("ready");
      good.json(Map.of("type", "start", "sample_rate", 16000));
      good.await("started");
      var streaming =
          good.pace(
              TestAudio.at(16000).silence(300).tone(300, 900).silence(700).frames(20),
              Duration.ofMillis(5));

      assertClosed(b -> b.text("this is not json {"), 1007, "Text frames must be JSON objects");
      assertClosed(b -> b.text("[1,2,3]"), 1007, "Control frames need a string \"type\" field");
      assertClosed(
          b -> b.binary("hello, this is definitely not audio at all!".getBytes()),
          1003,
          "Binary frame looks like text, not 16-bit PCM; send control messages as text");
      assertClosed(
          b -> b.binary(new byte[] {1, 2, 3}),
          1003,
          "Binary frames must hold whole 16-bit samples (got an odd byte count)");
      byte[] ogg = new byte[640];
      System.arraycopy("OggS".getBytes(), 0, ogg, 0, 4);
      assertClosed(
          b -> b.binary(ogg),
          1003,
          "Received Ogg data; send raw 16-bit little-endian mono PCM instead");
      assertClosed(
          b -> b.binary(new byte[70_000]),
          1009,
          "Frame of 70000 bytes is over the limit of 65536 bytes");
      byte[] stereoWav = wav(new byte[640], 16000);
      stereoWav[22] = 2; // channels = 2
      assertClosed(
          b -> b.binary(stereoWav), 1003, "Only 16-bit PCM mono WAV (or raw PCM) is accepted");

      streaming.join();
      good.json(Map.of("type", "stop"));
      assertThat(good.awaitClose().code()).isEqualTo(1000);
      assertThat(good.messages("transcript"))
          .anySatisfy(
              t ->
                  assertThat(t.path("segments").path(0).path("text").asString())
                      .isEqualTo("The good stream goes on."));
    }
    assertThat(BootChecks.get(port, "/actuator/health").statusCode()).isEqualTo(200);
  }

  private void assertClosed(java.util.function.Consumer<WsClient> send, int code, String reason) {
    try (WsClient bad = open("104", "key-alice")) {
      bad.await("ready");
      send.accept(bad);
      assertThat(bad.awaitClose()).isEqualTo(new WsClient.Close(code, reason));
    }
  }

  @Test
  void anUnreachableCollectorClosesWithTryAgainLater() {
    BUDAI.down(true);
    try (WsClient client = open("101", "key-alice")) {
      WsClient.Close close = client.awaitClose();
      assertThat(close.code()).isEqualTo(1013);
      assertThat(close.reason()).contains("unavailable");
    } finally {
      BUDAI.down(false);
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              try (WsClient client = open("102", "key-alice")) {
                assertThat(client.await("ready")).isNotNull();
              }
            });
  }

  /** Small checks of the ready frame. */
  private static final class JsonNodeAssert {
    static void ready(tools.jackson.databind.JsonNode ready) {
      assertThat(ready.path("session_uid").asString()).isNotBlank();
      assertThat(ready.path("engine").asString()).isEqualTo("deepgram");
      assertThat(ready.path("max_frame_bytes").asInt()).isEqualTo(65536);
    }
  }
}
