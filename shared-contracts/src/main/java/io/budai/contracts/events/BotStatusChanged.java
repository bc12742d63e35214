package io.budai.contracts.events;

import org.jspecify.annotations.Nullable;

/**
 * {@code bot.status.changed}: a bot moved to another lifecycle state; producer: bot-manager.
 *
 * @param botId id of the bot
 * @param meetingId BudAI meeting it records
 * @param status the new state
 * @param reason why (mostly for {@code failed} and {@code ended}), or null
 */
public record BotStatusChanged(
    String botId, String meetingId, BotStatus status, @Nullable String reason)
    implements DomainEvent {

  @Override
  public String orderingKey() {
    return meetingId;
  }
}
