package io.budai.voice.stt;

import io.budai.voice.vad.EnergyVad;
import io.budai.voice.vad.SpeechGate;

/** Feeds PCM through a speech gate into a session, the way an audio stream's worker does. */
final class Feeder {

  private final SpeechGate gate;
  private final SttSession session;

  Feeder(SttSession session, int sampleRate) {
    this.session = session;
    this.gate = new SpeechGate(new EnergyVad(-45, 10, 3, 20, 250), sampleRate / 50, 10, session);
  }

  Feeder feed(byte[] pcm) {
    for (int i = 0; i < pcm.length; i += 640) {
      gate.accept(pcm, i, Math.min(640, pcm.length - i));
      session.tick(System.nanoTime());
    }
    return this;
  }

  void flush() {
    gate.flush();
  }
}
