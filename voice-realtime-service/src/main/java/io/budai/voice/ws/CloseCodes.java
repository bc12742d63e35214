package io.budai.voice.ws;

import java.nio.charset.StandardCharsets;
import org.springframework.web.socket.CloseStatus;

/**
 * WebSocket close codes of {@code /ws/audio} and {@code /ws/segments}. The 4xxx codes mirror HTTP
 * statuses; the reason always says what was wrong in words a client developer can act on.
 */
public final class CloseCodes {

  /** The request lacked something it needs (meeting id, a valid start frame). */
  public static final int BAD_REQUEST = 4400;

  /** No or an invalid API key. */
  public static final int UNAUTHORIZED = 4401;

  /** The meeting is not the caller's (or does not exist). */
  public static final int FORBIDDEN = 4403;

  /** The meeting is already over. */
  public static final int CONFLICT = 4409;

  /** A binary frame that is not raw 16-bit PCM. */
  public static final int UNSUPPORTED_DATA = CloseStatus.NOT_ACCEPTABLE.getCode();

  /** A text frame that is not a JSON control message. */
  public static final int INVALID_PAYLOAD = CloseStatus.BAD_DATA.getCode();

  /** A frame over the size limit. */
  public static final int TOO_BIG = CloseStatus.TOO_BIG_TO_PROCESS.getCode();

  /** The speech-to-text engine failed or none is configured. */
  public static final int SERVER_ERROR = CloseStatus.SERVER_ERROR.getCode();

  /** Too many streams, or a service this one needs is down: try again later. */
  public static final int TRY_AGAIN_LATER = 1013;

  private CloseCodes() {}

  /** A close status whose reason fits the 123 bytes a close frame allows. */
  public static CloseStatus status(int code, String reason) {
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= 123) {
      return new CloseStatus(code, reason);
    }
    String cut = reason;
    while (cut.getBytes(StandardCharsets.UTF_8).length > 120) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return new CloseStatus(code, cut + "...");
  }
}
