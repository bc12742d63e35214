package io.budai.contracts.events;

import org.jspecify.annotations.Nullable;

/**
 * {@code slack.command}: a user ran a slash command (e.g. {@code /loop}); producer:
 * slack-integration.
 *
 * @param teamId Slack workspace
 * @param channelId channel the command was run in
 * @param userId Slack user who ran it
 * @param command the command, with its slash
 * @param text the arguments
 * @param responseUrl Slack's URL for delayed responses, or null
 */
public record SlackCommand(
    String teamId,
    String channelId,
    String userId,
    String command,
    String text,
    @Nullable String responseUrl)
    implements DomainEvent {

  @Override
  public String orderingKey() {
    return channelId;
  }
}
