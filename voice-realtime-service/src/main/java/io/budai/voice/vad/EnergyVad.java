package io.budai.voice.vad;

/**
 * Energy-based voice-activity detection with an adaptive noise floor and a hangover. A frame is
 * loud when its level exceeds both a fixed threshold and the noise floor by a margin; speech starts
 * after {@code minSpeechFrames} loud frames in a row and ends after {@code hangoverFrames} quiet
 * ones, so short pauses between words do not split an utterance and single clicks do not start one.
 *
 * <p>The noise floor is the quietest frame of the last {@code noiseWindowFrames} (minimum
 * statistics): speech always has gaps, so the minimum finds the background between words, while a
 * steady hum or fan becomes the floor itself within one window and stops counting as speech. The
 * window starts filled with a quiet -70 dBFS, so speech at the very start of a stream is found.
 *
 * <p>Not thread-safe: one instance per audio stream (and channel).
 */
public final class EnergyVad {

  /** What a frame changed. */
  public enum Transition {
    NONE,
    SPEECH_STARTED,
    SPEECH_ENDED
  }

  private static final double SILENCE_DBFS = -100.0;
  private static final double INITIAL_FLOOR_DBFS = -70.0;

  private final double thresholdDbfs;
  private final double marginDb;
  private final int minSpeechFrames;
  private final int hangoverFrames;
  private final double[] recent;
  private int recentIndex;
  private double noiseFloorDbfs = INITIAL_FLOOR_DBFS;
  private boolean speaking;
  private int loudRun;
  private int quietRun;
  private double lastLevel = SILENCE_DBFS;

  /**
   * @param thresholdDbfs level a frame must exceed to be loud
   * @param marginDb how far above the noise floor a loud frame must be
   * @param minSpeechFrames loud frames in a row that start speech
   * @param hangoverFrames quiet frames in a row that end it
   * @param noiseWindowFrames frames over which the noise floor is the minimum
   */
  public EnergyVad(
      double thresholdDbfs,
      double marginDb,
      int minSpeechFrames,
      int hangoverFrames,
      int noiseWindowFrames) {
    if (minSpeechFrames < 1 || hangoverFrames < 1 || noiseWindowFrames < 1) {
      throw new IllegalArgumentException("frame counts must be at least 1");
    }
    this.recent = new double[noiseWindowFrames];
    java.util.Arrays.fill(recent, INITIAL_FLOOR_DBFS);
    this.thresholdDbfs = thresholdDbfs;
    this.marginDb = marginDb;
    this.minSpeechFrames = minSpeechFrames;
    this.hangoverFrames = hangoverFrames;
  }

  /**
   * Classifies one frame of 16-bit little-endian PCM.
   *
   * @param pcm the bytes
   * @param offset first byte of the frame
   * @param length bytes in the frame (even)
   */
  public Transition frame(byte[] pcm, int offset, int length) {
    double level = dbfs(pcm, offset, length);
    lastLevel = level;
    trackNoiseFloor(level);
    boolean loud = level > thresholdDbfs && level > noiseFloorDbfs + marginDb;
    if (!speaking) {
      if (loud) {
        loudRun++;
        if (loudRun >= minSpeechFrames) {
          speaking = true;
          quietRun = 0;
          return Transition.SPEECH_STARTED;
        }
      } else {
        loudRun = 0;
      }
      return Transition.NONE;
    }
    if (loud) {
      quietRun = 0;
      return Transition.NONE;
    }
    quietRun++;
    if (quietRun >= hangoverFrames) {
      speaking = false;
      loudRun = 0;
      return Transition.SPEECH_ENDED;
    }
    return Transition.NONE;
  }

  /** Leaves an utterance without a transition (the stream ended); the noise floor is kept. */
  public void reset() {
    speaking = false;
    loudRun = 0;
    quietRun = 0;
  }

  /** Whether the detector is inside an utterance (hangover included). */
  public boolean speaking() {
    return speaking;
  }

  /** Frames of the onset that were loud before speech was declared (they belong to the speech). */
  public int minSpeechFrames() {
    return minSpeechFrames;
  }

  /** Quiet frames at the end of an utterance that were still counted as speech. */
  public int hangoverFrames() {
    return hangoverFrames;
  }

  /** Level of the last frame, in dBFS. */
  public double lastLevel() {
    return lastLevel;
  }

  /** Current noise floor estimate, in dBFS. */
  public double noiseFloor() {
    return noiseFloorDbfs;
  }

  private void trackNoiseFloor(double level) {
    recent[recentIndex] = level;
    recentIndex = (recentIndex + 1) % recent.length;
    double min = Double.MAX_VALUE;
    for (double value : recent) {
      min = Math.min(min, value);
    }
    noiseFloorDbfs = Math.max(min, -90.0);
  }

  /** Root-mean-square level of 16-bit little-endian PCM in dB relative to full scale. */
  public static double dbfs(byte[] pcm, int offset, int length) {
    int samples = length / 2;
    if (samples == 0) {
      return SILENCE_DBFS;
    }
    double sum = 0;
    for (int i = offset, end = offset + samples * 2; i < end; i += 2) {
      int sample = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
      sum += (double) sample * sample;
    }
    double rms = Math.sqrt(sum / samples);
    return rms < 1e-9 ? SILENCE_DBFS : 20 * Math.log10(rms / 32768.0);
  }
}
