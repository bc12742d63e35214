package io.budai.llm;

import io.budai.contracts.events.UsageRecorded;
import io.budai.platform.bus.EventPublisher;

/** Announces the tokens of every LLM call as {@code usage.recorded} (kind {@code llm_tokens}). */
final class UsageRecordedPublisher implements UsageListener {

  private final EventPublisher publisher;

  UsageRecordedPublisher(EventPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public void recorded(CallContext context, String engine, String model, TokenUsage usage) {
    if (usage.total() <= 0) {
      return;
    }
    publisher.publish(
        new UsageRecorded(
            context.userId(), context.meetingId(), UsageRecorded.LLM_TOKENS, usage.total(), model),
        context.userId());
  }
}
