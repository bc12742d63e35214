package io.budai.llm;

import org.jspecify.annotations.Nullable;

/**
 * On whose behalf an LLM call is made, for usage accounting ({@code usage.recorded}).
 *
 * @param userId the user, when known
 * @param meetingId the meeting, when the call is about one
 */
public record CallContext(@Nullable String userId, @Nullable String meetingId) {

  /** A call on nobody's behalf. */
  public static final CallContext NONE = new CallContext(null, null);
}
