package io.budai.voice.stt.openai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Wraps raw PCM in a WAV container (what transcription servers accept as a file). */
final class Wav {

  private Wav() {}

  /** A 44-byte RIFF header plus the 16-bit little-endian mono samples. */
  static byte[] of(byte[] pcm, int length, int sampleRate) {
    ByteBuffer wav = ByteBuffer.allocate(44 + length).order(ByteOrder.LITTLE_ENDIAN);
    wav.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + length);
    wav.put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '});
    wav.putInt(16).putShort((short) 1).putShort((short) 1);
    wav.putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
    wav.put(new byte[] {'d', 'a', 't', 'a'}).putInt(length);
    wav.put(pcm, 0, length);
    return wav.array();
  }
}
