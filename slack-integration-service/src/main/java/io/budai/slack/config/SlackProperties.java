package io.budai.slack.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Slack app, under {@code budai.slack}.
 *
 * @param botToken the bot token ({@code xoxb-…}, {@code SLACK_BOT_TOKEN}); blank = Slack not
 *     configured: posts go to the outbox and ingress answers 503
 * @param signingSecret the app's signing secret ({@code SLACK_SIGNING_SECRET}); blank = not
 *     configured
 * @param apiUrl base of the Web API, with a trailing slash ({@code SLACK_API_URL})
 * @param defaultChannel channel of posts that name none ({@code SLACK_DEFAULT_CHANNEL})
 * @param publicUrl public base URL of BudAI (the gateway), used in links and call join URLs
 * @param callJoinUrl template of a Slack call's join URL; {@code {call_id}} is replaced
 * @param botName name of the meeting bot that {@code /loop start <url>} sends
 * @param requestMaxAge how old a signed request may be before it is rejected as a replay
 * @param maxRequestBytes largest request body accepted from Slack
 * @param eventDedupTtl how long an Events API {@code event_id} is remembered (Slack retries for
 *     minutes)
 * @param messageTtl how long a posted message's idempotency record is kept
 * @param outboxSize how many messages the outbox keeps when Slack is not configured
 * @param postMaxAttempts attempts of a post that fails transiently before it is marked failed
 * @param postWait how long {@code POST /messages} waits for Slack's answer before replying 202
 * @param httpTimeout time limit of one Web API call
 * @param services base URLs of the BudAI services this one calls
 */
@ConfigurationProperties("budai.slack")
public record SlackProperties(
    @Nullable String botToken,
    @Nullable String signingSecret,
    @DefaultValue("https://slack.com/api/") String apiUrl,
    @Nullable String defaultChannel,
    @DefaultValue("http://localhost:8000") String publicUrl,
    @DefaultValue("http://localhost:8000/calls/{call_id}") String callJoinUrl,
    @DefaultValue("BudAI Notetaker") String botName,
    @DefaultValue("5m") Duration requestMaxAge,
    @DefaultValue("1048576") int maxRequestBytes,
    @DefaultValue("1d") Duration eventDedupTtl,
    @DefaultValue("7d") Duration messageTtl,
    @DefaultValue("1000") int outboxSize,
    @DefaultValue("20") int postMaxAttempts,
    @DefaultValue("5s") Duration postWait,
    @DefaultValue("10s") Duration httpTimeout,
    @DefaultValue Services services) {

  /** Whether a bot token and a signing secret are both set. */
  public boolean configured() {
    return notBlank(botToken) && notBlank(signingSecret);
  }

  /** The Web API base, always with its trailing slash. */
  public String apiUrlWithSlash() {
    return apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
  }

  /** The join URL of call {@code callId}. */
  public String joinUrl(String callId) {
    return callJoinUrl.replace("{call_id}", callId);
  }

  private static boolean notBlank(@Nullable String value) {
    return value != null && !value.isBlank();
  }

  /**
   * Base URLs of the services this one calls, each from {@code BUDAI_<NAME>_URL}.
   *
   * @param botManager bot-manager-service ({@code POST /bots}, {@code DELETE /bots/…})
   * @param orchestrator orchestrator-service ({@code GET /workflows})
   * @param communicator communicator-agent ({@code POST /converse})
   * @param admin admin-service ({@code POST /internal/auth/verify})
   */
  public record Services(
      @DefaultValue("http://127.0.0.1:8007") String botManager,
      @DefaultValue("http://127.0.0.1:8001") String orchestrator,
      @DefaultValue("http://127.0.0.1:8004") String communicator,
      @DefaultValue("http://127.0.0.1:8009") String admin) {}
}
