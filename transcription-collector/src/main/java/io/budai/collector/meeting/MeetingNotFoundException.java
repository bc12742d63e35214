package io.budai.collector.meeting;

import io.budai.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * 404 for a meeting that does not exist or belongs to someone else: the two are indistinguishable
 * so no caller learns about other users' meetings.
 */
public class MeetingNotFoundException extends ProblemException {

  public MeetingNotFoundException(String detail) {
    super(HttpStatus.NOT_FOUND, "meeting-not-found", "Meeting not found", detail);
  }

  /** Vexa's message for a (platform, native id) lookup. */
  public static MeetingNotFoundException forNative(String platform, String nativeMeetingId) {
    return new MeetingNotFoundException(
        "Meeting not found for platform " + platform + " and ID " + nativeMeetingId);
  }

  /** The message for a lookup by id. */
  public static MeetingNotFoundException forId(long id) {
    return new MeetingNotFoundException("Meeting " + id + " not found");
  }
}
