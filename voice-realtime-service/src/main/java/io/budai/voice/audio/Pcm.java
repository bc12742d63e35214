package io.budai.voice.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/** Recognises what a client sent instead of raw PCM, and reads PCM WAV headers. */
final class Pcm {

  /** Names clients use for 16-bit little-endian PCM. */
  static final Set<String> ENCODINGS = Set.of("pcm_s16le", "linear16", "s16le", "pcm16");

  private Pcm() {}

  /** The container format the bytes start with (wav, ogg, flac, mp3, webm…), if any. */
  static Optional<String> container(byte[] bytes) {
    if (startsWith(bytes, "RIFF") && bytes.length >= 12 && ascii(bytes, 8, 4).equals("WAVE")) {
      return Optional.of("wav");
    }
    if (startsWith(bytes, "OggS")) {
      return Optional.of("Ogg");
    }
    if (startsWith(bytes, "fLaC")) {
      return Optional.of("FLAC");
    }
    if (startsWith(bytes, "ID3")) {
      return Optional.of("MP3");
    }
    if (startsWith(bytes, "#!AMR")) {
      return Optional.of("AMR");
    }
    if (bytes.length >= 4
        && (bytes[0] & 0xff) == 0x1a
        && (bytes[1] & 0xff) == 0x45
        && (bytes[2] & 0xff) == 0xdf
        && (bytes[3] & 0xff) == 0xa3) {
      return Optional.of("WebM/Matroska");
    }
    if (bytes.length >= 12 && ascii(bytes, 4, 4).equals("ftyp")) {
      return Optional.of("MP4");
    }
    return Optional.empty();
  }

  /**
   * Whether a frame is text sent as binary. Speech as 16-bit PCM is full of 0x00/0xff high bytes;
   * 32 printable ASCII bytes in a row from real audio are vanishingly unlikely.
   */
  static boolean looksLikeText(byte[] bytes, int offset, int length) {
    if (length < 32) {
      return false;
    }
    for (int i = offset, end = offset + Math.min(length, 256); i < end; i++) {
      int b = bytes[i] & 0xff;
      if (b != '\n' && b != '\r' && b != '\t' && (b < 0x20 || b > 0x7e)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A WAV header's format.
   *
   * @param format 1 for PCM
   * @param channels channel count
   * @param sampleRate samples per second
   * @param bits bits per sample
   * @param dataOffset where the samples start in the frame
   */
  record WavHeader(int format, int channels, int sampleRate, int bits, int dataOffset) {
    boolean pcm16Mono() {
      return format == 1 && channels == 1 && bits == 16 && sampleRate >= 8000;
    }
  }

  /** Reads the {@code fmt } and {@code data} chunks of a WAV file's first bytes. */
  static Optional<WavHeader> wavHeader(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int position = 12;
    int format = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while (position + 8 <= bytes.length) {
      String id = ascii(bytes, position, 4);
      int size = buffer.getInt(position + 4);
      int body = position + 8;
      if (size < 0) {
        return Optional.empty();
      }
      if (id.equals("fmt ") && body + 16 <= bytes.length) {
        format = buffer.getShort(body) & 0xffff;
        channels = buffer.getShort(body + 2) & 0xffff;
        rate = buffer.getInt(body + 4);
        bits = buffer.getShort(body + 14) & 0xffff;
      } else if (id.equals("data")) {
        return format < 0
            ? Optional.empty()
            : Optional.of(new WavHeader(format, channels, rate, bits, body));
      }
      position = body + size + (size & 1);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, String magic) {
    return bytes.length >= magic.length() && ascii(bytes, 0, magic.length()).equals(magic);
  }

  private static String ascii(byte[] bytes, int offset, int length) {
    return new String(
        bytes, offset, Math.min(length, bytes.length - offset), StandardCharsets.ISO_8859_1);
  }
}
