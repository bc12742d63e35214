package io.budai.contracts.events;

import org.jspecify.annotations.Nullable;

/**
 * {@code slack.event}: a message, mention or DM from the Slack Events API; producer:
 * slack-integration.
 *
 * @param eventId Slack's event id (Slack retries deliveries with the same id)
 * @param teamId Slack workspace
 * @param eventType Slack's event type ({@code app_mention}, {@code message}, …)
 * @param user Slack user who wrote it, or null for bot/system messages
 * @param channel channel or DM id
 * @param text message text
 * @param ts message timestamp (Slack's id of the message)
 * @param threadTs parent message of the thread, or null outside a thread
 */
public record SlackEvent(
    String eventId,
    String teamId,
    String eventType,
    @Nullable String user,
    String channel,
    @Nullable String text,
    String ts,
    @Nullable String threadTs)
    implements DomainEvent {

  @Override
  public String orderingKey() {
    return channel;
  }
}
