package io.budai.voice.stt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.budai.voice.VoiceProperties;
import io.budai.voice.fakes.FakeOpenAi;
import io.budai.voice.fakes.TestAudio;
import io.budai.voice.stt.openai.OpenAiTranscriptionEngine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible engine (openai-java's real multipart client) against a fake transcription
 * server that names the pitch of each utterance it receives.
 */
class OpenAiTranscriptionEngineTests {

  private static final String KEY = "sk-test";
  private static final int RATE = 16000;
  private static FakeOpenAi server;
  private OpenAiTranscriptionEngine engine;

  @BeforeAll
  static void startFake() {
    server = new FakeOpenAi(KEY);
  }

  @AfterAll
  static void stopFake() {
    server.close();
  }

  @AfterEach
  void closeEngine() {
    engine.close();
    server.latency(n -> Duration.ZERO);
  }

  private OpenAiTranscriptionEngine engine(Duration maxUtterance, int maxRetries) {
    return engine(maxUtterance, maxRetries, 2);
  }

  private OpenAiTranscriptionEngine engine(Duration maxUtterance, int maxRetries, int inFlight) {
    engine =
        new OpenAiTranscriptionEngine(
            new VoiceProperties.OpenAiTranscription(
                server.baseUrl(),
                KEY,
                "Systran/faster-whisper-small",
                maxUtterance,
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                inFlight,
                maxRetries));
    return engine;
  }

  @Test
  void cutsUtterancesAtSilencesSendsOneRequestEachAndReportsThemInOrder() {
    int before = server.transcriptions().size();
    // the first request is the slowest: results must still come out in utterance order
    server.latency(n -> n == before ? Duration.ofMillis(800) : Duration.ZERO);
    RecordingListener listener = new RecordingListener();
    SttSession session =
        engine(Duration.ofSeconds(30), 0).open(new SttRequest("s-1", RATE, "en"), listener);
    new Feeder(session, RATE)
        .feed(
            TestAudio.at(RATE)
                .silence(500)
                .tone(300, 700)
                .silence(900)
                .tone(500, 700)
                .silence(900)
                .tone(700, 700)
                .silence(900)
                .bytes())
        .flush();
    session.finish(Duration.ofSeconds(10));

    assertThat(listener.transcripts)
        .extracting(Transcript::text)
        .containsExactly("tone 300 hz", "tone 500 hz", "tone 700 hz");
    assertThat(listener.transcripts).allSatisfy(t -> assertThat(t.completed()).isTrue());
    assertThat(listener.transcripts).extracting(Transcript::key).containsExactly("0", "1", "2");
    // utterance times: onset minus 200 ms pre-roll, end plus 400 ms hangover
    Transcript first = listener.transcripts.getFirst();
    assertThat(first.start()).isCloseTo(0.3, within(0.001));
    assertThat(first.end()).isCloseTo(1.6, within(0.001));
    assertThat(listener.transcripts.get(1).start()).isCloseTo(1.9, within(0.001));

    List<FakeOpenAi.TranscriptionRequest> requests =
        server.transcriptions().subList(before, server.transcriptions().size());
    assertThat(requests).hasSize(3);
    assertThat(requests)
        .allSatisfy(
            r -> {
              assertThat(r.model()).isEqualTo("Systran/faster-whisper-small");
              assertThat(r.language()).isEqualTo("en");
              assertThat(r.filename()).isEqualTo("utterance.wav");
              assertThat(r.contentType()).isEqualTo("audio/wav");
              assertThat(r.sampleRate()).isEqualTo(RATE);
              assertThat(r.seconds()).isCloseTo(1.3, within(0.001));
            });
    assertThat(listener.warnings).isEmpty();
  }

  @Test
  void cutsAnUtteranceLongerThanTheLimitIntoParts() {
    int before = server.transcriptions().size();
    RecordingListener listener = new RecordingListener();
    SttSession session =
        engine(Duration.ofSeconds(1), 0).open(new SttRequest("s-2", RATE, null), listener);
    new Feeder(session, RATE)
        .feed(TestAudio.at(RATE).silence(500).tone(400, 2500).silence(800).bytes())
        .flush();
    session.finish(Duration.ofSeconds(10));

    List<FakeOpenAi.TranscriptionRequest> requests =
        server.transcriptions().subList(before, server.transcriptions().size());
    // 0.2 s pre-roll + 2.5 s + 0.4 s hangover = 1 s + 1 s + 1 s + 0.1 s (too short to send)
    assertThat(requests).hasSize(3);
    assertThat(requests.get(0).seconds()).isCloseTo(1.0, within(0.001));
    assertThat(requests).allSatisfy(r -> assertThat(r.language()).isEmpty());
    assertThat(listener.transcripts).hasSize(3);
    // the parts tile the utterance without gaps
    for (int i = 1; i < listener.transcripts.size(); i++) {
      assertThat(listener.transcripts.get(i).start())
          .isCloseTo(listener.transcripts.get(i - 1).end(), within(0.001));
    }
  }

  @Test
  void retriesAServerErrorThenTranscribes() {
    server.failNext(500);
    RecordingListener listener = new RecordingListener();
    SttSession session =
        engine(Duration.ofSeconds(30), 2).open(new SttRequest("s-3", RATE, "en"), listener);
    new Feeder(session, RATE)
        .feed(TestAudio.at(RATE).silence(300).tone(600, 600).silence(800).bytes())
        .flush();
    session.finish(Duration.ofSeconds(10));

    assertThat(listener.transcripts).extracting(Transcript::text).containsExactly("tone 600 hz");
    assertThat(listener.warnings).isEmpty();
  }

  @Test
  void aFailedUtteranceIsReportedAndTheNextOneStillTranscribed() {
    server.failNext(400);
    RecordingListener listener = new RecordingListener();
    // one request at a time, so the first utterance is the one that meets the failure
    SttSession session =
        engine(Duration.ofSeconds(30), 0, 1).open(new SttRequest("s-4", RATE, "en"), listener);
    new Feeder(session, RATE)
        .feed(
            TestAudio.at(RATE)
                .silence(300)
                .tone(300, 600)
                .silence(900)
                .tone(800, 600)
                .silence(900)
                .bytes())
        .flush();
    session.finish(Duration.ofSeconds(10));

    assertThat(listener.transcripts).extracting(Transcript::text).containsExactly("tone 800 hz");
    assertThat(listener.warnings).singleElement().asString().startsWith("stt_failed");
    assertThat(listener.failures).isEmpty();
  }
}
