package io.budai.slack.account;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Slack user linked to a BudAI account ({@code /loop link <api key>}).
 *
 * @param teamId Slack workspace
 * @param slackUserId Slack user
 * @param userId BudAI user id, sent as {@code X-User-Id} when acting for them
 * @param scopes the linked key's scopes
 * @param keyRef SHA-256 (hex) of the linked key, never the key itself
 * @param expiresAt when the linked key expires, or null
 * @param linkedAt when the link was made
 */
public record LinkedAccount(
    String teamId,
    String slackUserId,
    String userId,
    List<String> scopes,
    String keyRef,
    @Nullable Instant expiresAt,
    Instant linkedAt) {

  public LinkedAccount {
    scopes = List.copyOf(scopes);
  }

  /** Comma-separated scopes, as the gateway forwards them in {@code X-User-Scopes}. */
  public String scopesHeader() {
    return String.join(",", scopes);
  }
}
