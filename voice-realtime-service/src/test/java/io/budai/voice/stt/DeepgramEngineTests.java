package io.budai.voice.stt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.budai.voice.VoiceProperties;
import io.budai.voice.fakes.FakeDeepgram;
import io.budai.voice.fakes.TestAudio;
import io.budai.voice.stt.deepgram.DeepgramEngine;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Deepgram engine's real WebSocket client against a fake Deepgram speaking its protocol. */
class DeepgramEngineTests {

  private static final String KEY = "dg-test-key";
  private static final int RATE = 16000;
  private static FakeDeepgram deepgram;
  private DeepgramEngine engine;

  @BeforeAll
  static void startFake() {
    deepgram = new FakeDeepgram(KEY);
  }

  @AfterAll
  static void stopFake() {
    deepgram.close();
  }

  @AfterEach
  void closeEngine() {
    if (engine != null) {
      engine.close();
    }
    deepgram.finalLatency(Duration.ZERO).idleTimeout(Duration.ofSeconds(10));
  }

  private static VoiceProperties.Deepgram settings(
      String key, URI url, boolean gate, Duration keepAlive, int reconnects) {
    return new VoiceProperties.Deepgram(
        key,
        url,
        "nova-3",
        "en",
        true,
        true,
        true,
        true,
        300,
        gate,
        true,
        Duration.ofMillis(100),
        keepAlive,
        Duration.ofSeconds(2),
        reconnects);
  }

  private DeepgramEngine engine(boolean gate, Duration keepAlive, int reconnects) {
    engine =
        new DeepgramEngine(
            settings(KEY, deepgram.url(), gate, keepAlive, reconnects),
            JsonMapper.builder().build());
    return engine;
  }

  @Test
  void streamsSpeechAndTurnsInterimResultsIntoDraftsAndFinalsIntoConfirmedSegments() {
    deepgram.script("Good morning everyone.", "Let us review the roadmap.");
    RecordingListener listener = new RecordingListener();
    int before = deepgram.connections().size();
    SttSession session =
        engine(true, Duration.ofSeconds(4), 0).open(new SttRequest("s-1", RATE, "en"), listener);
    new Feeder(session, RATE)
        .feed(
            TestAudio.at(RATE)
                .silence(2000)
                .tone(300, 1200)
                .silence(1500)
                .tone(800, 1000)
                .silence(800)
                .bytes())
        .flush();
    session.finish(Duration.ofSeconds(5));

    List<Transcript> finals = listener.finals();
    assertThat(finals)
        .extracting(Transcript::text)
        .containsExactly("Good morning everyone.", "Let us review the roadmap.");
    assertThat(finals).extracting(Transcript::speaker).containsExactly(0, 1);
    // Deepgram only got the speech (gated), yet times are in session time
    assertThat(finals.get(0).start()).isCloseTo(2.0, within(0.05));
    assertThat(finals.get(0).end()).isCloseTo(3.2, within(0.05));
    assertThat(finals.get(1).start()).isCloseTo(4.7, within(0.05));
    // every draft carries the key its final later replaces
    assertThat(listener.drafts()).isNotEmpty();
    assertThat(listener.drafts()).allSatisfy(d -> assertThat(List.of("0", "1")).contains(d.key()));
    assertThat(finals).extracting(Transcript::key).containsExactly("0", "1");
    int firstFinal = listener.transcripts.indexOf(finals.getFirst());
    assertThat(listener.transcripts.subList(0, firstFinal))
        .allSatisfy(t -> assertThat(t.completed()).isFalse());

    FakeDeepgram.Connection connection = deepgram.connections().get(before);
    assertThat(connection.query())
        .containsEntry("encoding", "linear16")
        .containsEntry("sample_rate", "16000")
        .containsEntry("model", "nova-3")
        .containsEntry("language", "en")
        .containsEntry("interim_results", "true")
        .containsEntry("diarize", "true")
        .containsEntry("punctuate", "true")
        .containsEntry("smart_format", "true");
    assertThat(connection.controlTypes())
        .containsSubsequence("Finalize", "Finalize", "CloseStream");
    assertThat(connection.sentMessages().getLast().path("type").asString()).isEqualTo("Metadata");
    assertThat(connection.closeCode()).isEqualTo(1000);
    // gated: far less than the 6.5 s of audio went to Deepgram
    assertThat(connection.audioBytes()).isLessThan(RATE * 2 * 4);
    assertThat(listener.failures).isEmpty();
  }

  @Test
  void splitsAFinalResultWithTwoSpeakersIntoOneSegmentPerSpeaker() {
    deepgram.script("Alice speaks first then Bob answers her");
    RecordingListener listener = new RecordingListener();
    SttSession session =
        engine(true, Duration.ofSeconds(4), 0).open(new SttRequest("s-2", RATE, null), listener);
    new Feeder(session, RATE)
        .feed(TestAudio.at(RATE).silence(500).tone(250, 1000).tone(900, 1000).silence(800).bytes())
        .flush();
    session.finish(Duration.ofSeconds(5));

    List<Transcript> finals = listener.finals();
    assertThat(finals).hasSize(2);
    assertThat(finals).extracting(Transcript::speaker).containsExactly(0, 1);
    assertThat(finals).extracting(Transcript::key).containsExactly("0", "1");
    assertThat(finals.get(0).text() + " " + finals.get(1).text())
        .isEqualTo("Alice speaks first then Bob answers her");
    assertThat(finals.get(0).end()).isLessThanOrEqualTo(finals.get(1).start());
    assertThat(listener.drafts()).allSatisfy(d -> assertThat(d.key()).isEqualTo("0"));
  }

  @Test
  void sendsKeepAlivesThroughLongSilenceSoDeepgramKeepsTheStream() {
    deepgram.idleTimeout(Duration.ofMillis(700));
    RecordingListener listener = new RecordingListener();
    int before = deepgram.connections().size();
    SttSession session =
        engine(true, Duration.ofMillis(200), 0).open(new SttRequest("s-3", RATE, "en"), listener);
    // the server's onOpen may run just after the client saw the handshake complete
    await().atMost(Duration.ofSeconds(5)).until(() -> deepgram.connections().size() > before);
    FakeDeepgram.Connection connection = deepgram.connections().get(before);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(
        () -> session.tick(System.nanoTime()), 50, 50, TimeUnit.MILLISECONDS);
    try {
      await().during(Duration.ofMillis(2000)).atMost(Duration.ofSeconds(4)).until(connection::open);
    } finally {
      ticker.shutdownNow();
    }
    assertThat(connection.controlTypes()).contains("KeepAlive");
    assertThat(connection.idleClosed()).isFalse();
    session.finish(Duration.ofSeconds(2));
    assertThat(listener.failures).isEmpty();
  }

  @Test
  void reportsAFailureWhenDeepgramClosesAnIdleStreamAndNoReconnectIsLeft() {
    deepgram.idleTimeout(Duration.ofMillis(300));
    RecordingListener listener = new RecordingListener();
    engine(true, Duration.ofHours(1), 0).open(new SttRequest("s-4", RATE, "en"), listener);

    await().atMost(Duration.ofSeconds(5)).until(() -> !listener.failures.isEmpty());
    assertThat(listener.failures.getFirst()).contains("1011").contains("NET-0001");
  }

  @Test
  void reopensADroppedConnectionAndKeepsSessionTime() {
    deepgram.script("before the drop", "after the drop");
    RecordingListener listener = new RecordingListener();
    int before = deepgram.connections().size();
    SttSession session =
        engine(true, Duration.ofSeconds(4), 2).open(new SttRequest("s-5", RATE, "en"), listener);
    Feeder feeder = new Feeder(session, RATE);
    feeder.feed(TestAudio.at(RATE).silence(1000).tone(300, 800).silence(800).bytes());
    await().atMost(Duration.ofSeconds(5)).until(() -> listener.finals().size() == 1);

    deepgram.connections().get(before).close(1011, "NET-0000");
    await().atMost(Duration.ofSeconds(5)).until(() -> !deepgram.connections().get(before).open());
    // 2.6 s of session audio so far; the next tone starts at 3.6 s
    feeder.feed(TestAudio.at(RATE).silence(1000).tone(300, 800).silence(800).bytes()).flush();
    session.finish(Duration.ofSeconds(5));

    assertThat(deepgram.connections().size()).isEqualTo(before + 2);
    assertThat(listener.warnings).anyMatch(w -> w.startsWith("stt_reconnected"));
    List<Transcript> finals = listener.finals();
    assertThat(finals).hasSize(2);
    // the new connection's script starts again; its clock starts at zero, session time does not
    assertThat(finals.get(1).start()).isCloseTo(3.6, within(0.05));
    assertThat(finals.get(1).key()).isNotEqualTo(finals.get(0).key());
    assertThat(listener.failures).isEmpty();
  }

  @Test
  void refusesToOpenWithDeepgramsReasonWhenTheKeyIsWrong() {
    engine =
        new DeepgramEngine(
            settings("wrong-key", deepgram.url(), true, Duration.ofSeconds(4), 0),
            JsonMapper.builder().build());
    int refusals = deepgram.refusals();

    assertThatThrownBy(
            () -> engine.open(new SttRequest("s-6", RATE, "en"), new RecordingListener()))
        .isInstanceOf(SttException.class)
        .hasMessageContaining("401")
        .hasMessageContaining("Invalid credentials.");
    assertThat(deepgram.refusals()).isEqualTo(refusals + 1);
  }

  @Test
  void refusesToOpenWhenDeepgramIsUnreachable() {
    engine =
        new DeepgramEngine(
            settings(KEY, URI.create("ws://127.0.0.1:1/v1/listen"), true, Duration.ofSeconds(4), 0),
            JsonMapper.builder().build());

    assertThatThrownBy(
            () -> engine.open(new SttRequest("s-7", RATE, "en"), new RecordingListener()))
        .isInstanceOf(SttException.class)
        .hasMessageContaining("unreachable");
  }
}
