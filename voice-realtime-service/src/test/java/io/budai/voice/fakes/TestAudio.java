package io.budai.voice.fakes;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthesised 16-bit little-endian mono PCM for tests: tones stand in for voices (the fakes tell a
 * low voice from a high one by pitch) and digital silence for pauses.
 */
public final class TestAudio {

  private final int sampleRate;
  private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
  private long samples;

  private TestAudio(int sampleRate) {
    this.sampleRate = sampleRate;
  }

  public static TestAudio at(int sampleRate) {
    return new TestAudio(sampleRate);
  }

  /** A sine tone at half of full scale (about -9 dBFS). */
  public TestAudio tone(double hz, int millis) {
    return tone(hz, millis, 0.35);
  }

  public TestAudio tone(double hz, int millis, double amplitude) {
    int n = sampleRate * millis / 1000;
    for (int i = 0; i < n; i++) {
      double t = (samples + i) / (double) sampleRate;
      short s = (short) Math.round(Math.sin(2 * Math.PI * hz * t) * amplitude * 32767);
      pcm.write(s & 0xff);
      pcm.write((s >> 8) & 0xff);
    }
    samples += n;
    return this;
  }

  public TestAudio silence(int millis) {
    int n = sampleRate * millis / 1000;
    pcm.writeBytes(new byte[n * 2]);
    samples += n;
    return this;
  }

  public byte[] bytes() {
    return pcm.toByteArray();
  }

  public int sampleRate() {
    return sampleRate;
  }

  /** The audio cut into frames of {@code millis}, as a client sends it. */
  public List<byte[]> frames(int millis) {
    byte[] all = bytes();
    int size = sampleRate * millis / 1000 * 2;
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < all.length; i += size) {
      byte[] frame = new byte[Math.min(size, all.length - i)];
      System.arraycopy(all, i, frame, 0, frame.length);
      frames.add(frame);
    }
    return frames;
  }
}
