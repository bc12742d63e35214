package io.budai.voice.ws;

import io.budai.voice.auth.Caller;
import io.budai.voice.auth.MeetingInfo;
import java.util.Optional;

/**
 * Lets a participant stream into a voice call with nothing but its join link: the call id in the
 * link is the credential (an unguessable UUID), and the stream writes into the call's meeting on
 * behalf of the call's owner.
 */
public interface CallAccess {

  /** What a stream of an open call may do. */
  record Grant(Caller owner, MeetingInfo meeting) {}

  /** The grant for an open call, or empty when there is no such call or it has ended. */
  Optional<Grant> join(String callId);
}
