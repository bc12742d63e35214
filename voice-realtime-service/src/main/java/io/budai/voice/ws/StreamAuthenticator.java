package io.budai.voice.ws;

import io.budai.platform.web.CallerIdentity;
import io.budai.voice.auth.ApiKeyVerifier;
import io.budai.voice.auth.Caller;
import io.budai.voice.auth.MeetingDirectory;
import io.budai.voice.auth.MeetingInfo;
import io.budai.voice.auth.ServiceUnavailableException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Decides who a stream acts for and which meeting it writes into. The user comes from the gateway's
 * forwarded identity (trusted only with the internal token) or from an API key presented directly,
 * verified with admin-service; the meeting must be that user's, as the collector says.
 */
@Component
public class StreamAuthenticator {

  private static final Pattern MEETING_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** The outcome. */
  public sealed interface Result {}

  /** The stream may go on. */
  public record Accepted(Caller caller, MeetingInfo meeting) implements Result {}

  /** The stream must be closed with this status. */
  public record Rejected(CloseStatus status) implements Result {}

  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9-]{16,64}");

  private final ApiKeyVerifier keys;
  private final MeetingDirectory meetings;
  private final CallAccess calls;

  StreamAuthenticator(ApiKeyVerifier keys, MeetingDirectory meetings, CallAccess calls) {
    this.keys = keys;
    this.meetings = meetings;
    this.calls = calls;
  }

  public Result authenticate(Handshake handshake) {
    String callId = handshake.param("call_id");
    if (callId != null) {
      if (!CALL_ID.matcher(callId).matches()) {
        return reject(CloseCodes.BAD_REQUEST, "call_id is not a valid call id");
      }
      try {
        return calls
            .join(callId)
            .<Result>map(grant -> new Accepted(grant.owner(), grant.meeting()))
            .orElseGet(() -> reject(CloseCodes.FORBIDDEN, "No open call " + callId));
      } catch (ServiceUnavailableException e) {
        return reject(
            CloseCodes.TRY_AGAIN_LATER, e.service() + " is unavailable; try again shortly");
      }
    }
    try {
      Optional<Caller> caller = caller(handshake);
      if (caller.isEmpty()) {
        return reject(
            CloseCodes.UNAUTHORIZED,
            handshake.apiKey() == null
                ? "Missing API key: send X-API-Key or ?api_key="
                : "Invalid API key");
      }
      String meetingId = handshake.param("meeting_id");
      if (meetingId == null) {
        return reject(CloseCodes.BAD_REQUEST, "Missing ?meeting_id=");
      }
      if (!MEETING_ID.matcher(meetingId).matches()) {
        return reject(CloseCodes.BAD_REQUEST, "meeting_id is not a valid meeting id");
      }
      Optional<MeetingInfo> meeting = meetings.findOwned(meetingId, caller.get().userId());
      if (meeting.isEmpty()) {
        return reject(CloseCodes.FORBIDDEN, "Meeting " + meetingId + " is not yours");
      }
      if (meeting.get().finished()) {
        return reject(
            CloseCodes.CONFLICT, "Meeting " + meetingId + " is already " + meeting.get().status());
      }
      return new Accepted(caller.get(), meeting.get());
    } catch (ServiceUnavailableException e) {
      return reject(CloseCodes.TRY_AGAIN_LATER, e.service() + " is unavailable; try again shortly");
    }
  }

  private Optional<Caller> caller(Handshake handshake) {
    CallerIdentity gateway = handshake.gatewayCaller();
    if (gateway != null && gateway.userId() != null && !gateway.userId().isBlank()) {
      return Optional.of(new Caller(gateway.userId(), gateway.scopes(), "gateway"));
    }
    if (handshake.apiKey() == null) {
      return Optional.empty();
    }
    return keys.verify(handshake.apiKey());
  }

  private static Rejected reject(int code, String reason) {
    return new Rejected(CloseCodes.status(code, reason));
  }
}
