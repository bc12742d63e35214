package io.budai.contracts.events;

import org.jspecify.annotations.Nullable;

/**
 * {@code bot.requested}: a user asked for a bot to join a meeting; producer: bot-manager.
 *
 * @param botId id of the bot
 * @param meetingId BudAI meeting it will record
 * @param userId user who asked
 * @param platform {@code google_meet}, {@code zoom}, {@code teams}
 * @param nativeMeetingId the platform's meeting id
 * @param botName display name of the bot, or null for the default
 * @param language spoken language hint (ISO 639-1), or null to detect
 */
public record BotRequested(
    String botId,
    String meetingId,
    String userId,
    String platform,
    String nativeMeetingId,
    @Nullable String botName,
    @Nullable String language)
    implements DomainEvent {

  @Override
  public String orderingKey() {
    return meetingId;
  }
}
