package io.budai.voice.vad;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Cuts a PCM stream of arbitrary chunks into fixed frames, classifies them with an {@link
 * EnergyVad} and hands them on in order, each marked speech or not. The frames just before an onset
 * (the pre-roll and the frames the detector needed to be sure) are marked speech too, so the first
 * syllable is not clipped: {@link Sink#speechStarted} names the sample where the marked speech
 * begins, {@link Sink#speechEnded} the sample after its last frame.
 *
 * <p>Not thread-safe: one instance per audio stream.
 */
public final class SpeechGate {

  /** Receives the classified frames. */
  public interface Sink {

    /** Speech begins at {@code sample} (counted from the start of the stream). */
    void speechStarted(long sample);

    /**
     * One frame (its own array) that starts at {@code startSample}.
     *
     * @param speech whether the frame belongs to an utterance
     */
    void frame(byte[] pcm, long startSample, boolean speech);

    /** Speech ended; {@code sample} is the first sample after it. */
    void speechEnded(long sample);
  }

  private record Frame(byte[] pcm, long start) {}

  private final EnergyVad vad;
  private final int frameBytes;
  private final int lookBehindFrames;
  private final Sink sink;
  private final ArrayDeque<Frame> lookBehind = new ArrayDeque<>();
  private final byte[] partial;
  private int partialLength;
  private long samples;

  /**
   * @param vad the detector
   * @param frameSamples samples per analysis frame
   * @param preRollFrames frames kept from before the onset
   * @param sink where frames go
   */
  public SpeechGate(EnergyVad vad, int frameSamples, int preRollFrames, Sink sink) {
    this.vad = vad;
    this.frameBytes = frameSamples * 2;
    this.lookBehindFrames = Math.max(0, preRollFrames) + vad.minSpeechFrames() - 1;
    this.sink = sink;
    this.partial = new byte[frameBytes];
  }

  /** Feeds a chunk of 16-bit little-endian PCM (an even number of bytes). */
  public void accept(byte[] pcm, int offset, int length) {
    int position = offset;
    int end = offset + length;
    while (position < end) {
      int take = Math.min(frameBytes - partialLength, end - position);
      System.arraycopy(pcm, position, partial, partialLength, take);
      partialLength += take;
      position += take;
      if (partialLength == frameBytes) {
        classify(Arrays.copyOf(partial, frameBytes));
        partialLength = 0;
      }
    }
  }

  /** Ends the stream: the partial frame goes out, open speech ends, held frames are released. */
  public void flush() {
    if (partialLength > 0) {
      byte[] last = Arrays.copyOf(partial, partialLength);
      long start = samples;
      samples += partialLength / 2;
      partialLength = 0;
      if (vad.speaking()) {
        sink.frame(last, start, true);
      } else {
        lookBehind.add(new Frame(last, start));
      }
    }
    if (vad.speaking()) {
      sink.speechEnded(samples);
      vad.reset();
    }
    while (!lookBehind.isEmpty()) {
      Frame frame = lookBehind.poll();
      sink.frame(frame.pcm(), frame.start(), false);
    }
  }

  /** Samples consumed so far (complete frames). */
  public long samples() {
    return samples;
  }

  /** Whether the stream is inside an utterance. */
  public boolean speaking() {
    return vad.speaking();
  }

  private void classify(byte[] frame) {
    long start = samples;
    samples += frame.length / 2;
    boolean wasSpeaking = vad.speaking();
    EnergyVad.Transition transition = vad.frame(frame, 0, frame.length);
    if (wasSpeaking) {
      sink.frame(frame, start, true);
      if (transition == EnergyVad.Transition.SPEECH_ENDED) {
        sink.speechEnded(samples);
      }
      return;
    }
    if (transition == EnergyVad.Transition.SPEECH_STARTED) {
      long onset = lookBehind.isEmpty() ? start : lookBehind.peek().start();
      sink.speechStarted(onset);
      while (!lookBehind.isEmpty()) {
        Frame held = lookBehind.poll();
        sink.frame(held.pcm(), held.start(), true);
      }
      sink.frame(frame, start, true);
      return;
    }
    lookBehind.add(new Frame(frame, start));
    while (lookBehind.size() > lookBehindFrames) {
      Frame old = lookBehind.poll();
      sink.frame(old.pcm(), old.start(), false);
    }
  }
}
