package io.budai.contracts.events;

import org.jspecify.annotations.Nullable;

/**
 * {@code usage.recorded}: a user consumed a metered resource; producers: agents, collector.
 *
 * @param userId who is billed, or null for system work
 * @param meetingId the meeting it was for, or null
 * @param kind {@link #TRANSCRIPTION_SECONDS} or {@link #LLM_TOKENS}
 * @param amount how much
 * @param model the model used, or null
 */
public record UsageRecorded(
    @Nullable String userId,
    @Nullable String meetingId,
    String kind,
    double amount,
    @Nullable String model)
    implements DomainEvent {

  /** Seconds of audio transcribed. */
  public static final String TRANSCRIPTION_SECONDS = "transcription_seconds";

  /** LLM tokens (prompt + completion). */
  public static final String LLM_TOKENS = "llm_tokens";

  @Override
  public @Nullable String orderingKey() {
    return userId;
  }
}
