package io.budai.voice.vad;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.voice.fakes.TestAudio;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechGateTests {

  private static final int RATE = 16000;
  private static final int FRAME = RATE / 50; // 20 ms

  /** Records what the gate hands on. */
  private static final class Recorder implements SpeechGate.Sink {
    final List<String> events = new ArrayList<>();
    final List<long[]> utterances = new ArrayList<>();
    long speechSamples;
    long silenceSamples;
    long lastFrameEnd;
    boolean ordered = true;
    private long start = -1;

    @Override
    public void speechStarted(long sample) {
      events.add("start@" + sample);
      start = sample;
    }

    @Override
    public void frame(byte[] pcm, long startSample, boolean speech) {
      ordered &= startSample == lastFrameEnd;
      lastFrameEnd = startSample + pcm.length / 2;
      if (speech) {
        speechSamples += pcm.length / 2;
      } else {
        silenceSamples += pcm.length / 2;
      }
    }

    @Override
    public void speechEnded(long sample) {
      events.add("end@" + sample);
      utterances.add(new long[] {start, sample});
    }
  }

  private static SpeechGate gate(Recorder recorder) {
    // -45 dBFS threshold, 10 dB margin, 60 ms to start, 400 ms hangover, 200 ms pre-roll, 5 s floor
    return new SpeechGate(new EnergyVad(-45, 10, 3, 20, 250), FRAME, 10, recorder);
  }

  private static void feed(SpeechGate gate, byte[] audio, int chunkBytes) {
    for (int i = 0; i < audio.length; i += chunkBytes) {
      gate.accept(audio, i, Math.min(chunkBytes, audio.length - i));
    }
  }

  @Test
  void findsEachUtteranceBetweenSilencesWithPreRollAndHangover() {
    byte[] audio =
        TestAudio.at(RATE)
            .silence(1000)
            .tone(300, 800)
            .silence(1000)
            .tone(700, 600)
            .silence(1000)
            .bytes();
    Recorder recorder = new Recorder();
    SpeechGate gate = gate(recorder);
    feed(gate, audio, 1234); // chunks that do not line up with frames
    gate.flush();

    assertThat(recorder.utterances).hasSize(2);
    // onset at 1.0 s, minus the 200 ms pre-roll
    assertThat(recorder.utterances.get(0)[0]).isEqualTo(RATE * 8 / 10);
    // tone ends at 1.8 s; speech ends 400 ms of hangover later
    assertThat(recorder.utterances.get(0)[1]).isEqualTo(RATE * 22 / 10);
    assertThat(recorder.utterances.get(1)[0]).isEqualTo(RATE * 26 / 10);
    assertThat(recorder.utterances.get(1)[1]).isEqualTo(RATE * 38 / 10);
    assertThat(recorder.ordered).as("every sample handed on once, in order").isTrue();
    assertThat(recorder.speechSamples + recorder.silenceSamples).isEqualTo(audio.length / 2);
  }

  @Test
  void aPauseShorterThanTheHangoverDoesNotSplitAnUtterance() {
    byte[] audio =
        TestAudio.at(RATE)
            .silence(500)
            .tone(300, 500)
            .silence(200)
            .tone(300, 500)
            .silence(1000)
            .bytes();
    Recorder recorder = new Recorder();
    SpeechGate gate = gate(recorder);
    feed(gate, audio, 640);
    gate.flush();

    assertThat(recorder.utterances).hasSize(1);
  }

  @Test
  void aClickShorterThanTheMinimumSpeechIsIgnored() {
    byte[] audio = TestAudio.at(RATE).silence(500).tone(1000, 40).silence(1000).bytes();
    Recorder recorder = new Recorder();
    SpeechGate gate = gate(recorder);
    feed(gate, audio, 640);
    gate.flush();

    assertThat(recorder.events).isEmpty();
    assertThat(recorder.silenceSamples).isEqualTo(audio.length / 2);
  }

  @Test
  void quietSoundUnderTheThresholdIsNotSpeech() {
    byte[] audio = TestAudio.at(RATE).tone(300, 1000, 0.003).bytes(); // about -53 dBFS
    Recorder recorder = new Recorder();
    SpeechGate gate = gate(recorder);
    feed(gate, audio, 640);
    gate.flush();

    assertThat(recorder.events).isEmpty();
  }

  @Test
  void aSteadyHumBecomesTheNoiseFloorAndSpeechOverItIsStillFound() {
    TestAudio audio = TestAudio.at(RATE);
    audio.tone(100, 7000, 0.05); // a -29 dBFS hum, louder than the threshold
    Recorder recorder = new Recorder();
    SpeechGate gate = gate(recorder);
    feed(gate, audio.bytes(), 640);
    int humUtterances = recorder.utterances.size();

    // after the noise window, the hum alone is no longer speech
    recorder.events.clear();
    feed(gate, TestAudio.at(RATE).tone(100, 2000, 0.05).bytes(), 640);
    assertThat(recorder.events).isEmpty();

    // a voice 20 dB over the hum is
    feed(gate, TestAudio.at(RATE).tone(400, 800, 0.5).tone(100, 1000, 0.05).bytes(), 640);
    gate.flush();
    assertThat(recorder.events).hasSize(2).first().asString().startsWith("start@");
    assertThat(humUtterances).isEqualTo(1);
  }

  @Test
  void flushEndsOpenSpeechAtTheLastSample() {
    byte[] audio = TestAudio.at(RATE).silence(300).tone(300, 700).bytes();
    Recorder recorder = new Recorder();
    SpeechGate gate = gate(recorder);
    feed(gate, audio, 500);
    gate.flush();

    assertThat(recorder.utterances).hasSize(1);
    assertThat(recorder.utterances.getFirst()[1]).isEqualTo(audio.length / 2);
    assertThat(recorder.lastFrameEnd).isEqualTo(audio.length / 2);
  }
}
