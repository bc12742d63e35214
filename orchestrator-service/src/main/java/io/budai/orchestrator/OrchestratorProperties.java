package io.budai.orchestrator;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The orchestrator's settings, under {@code budai.orchestrator} (environment variables in the
 * module README). Durations accept ISO-8601 ({@code PT15M}), Spring's form ({@code 15m}) or plain
 * seconds.
 *
 * @param followupDelay how long after the summary the follow-up is drafted ({@code
 *     ORCHESTRATOR_FOLLOWUP_DELAY}); 0 drafts it at once
 * @param prepLeadTime how long before a calendar meeting its prep brief is delivered
 * @param retention how long a workflow's keys live after its last write
 * @param steps leases, attempts and back-off of steps
 * @param timers how timers are polled and claimed
 * @param agents where the agents and services the steps call live
 * @param delivery where follow-ups are delivered
 * @param calendar the Google Calendar poller of prep workflows
 */
@ConfigurationProperties("budai.orchestrator")
public record OrchestratorProperties(
    @DefaultValue("15m") @DurationUnit(ChronoUnit.SECONDS) Duration followupDelay,
    @DefaultValue("15m") @DurationUnit(ChronoUnit.SECONDS) Duration prepLeadTime,
    @DefaultValue("7d") Duration retention,
    @DefaultValue Steps steps,
    @DefaultValue Timers timers,
    @DefaultValue Agents agents,
    @DefaultValue Delivery delivery,
    @DefaultValue Calendar calendar) {

  /**
   * How steps run.
   *
   * @param lease how long a running step may go without its replica renewing the lease before
   *     another replica takes it over (renewed every third of it while the replica lives)
   * @param maxAttempts attempts of one step (each attempt already retries transient HTTP errors a
   *     few times) before the workflow fails
   * @param retryBackoff the first back-off between attempts (doubles, with jitter)
   * @param maxRetryBackoff the longest back-off between attempts
   * @param maxConcurrency workflows one replica runs at a time
   */
  public record Steps(
      @DefaultValue("30s") @DurationUnit(ChronoUnit.SECONDS) Duration lease,
      @DefaultValue("5") int maxAttempts,
      @DefaultValue("10s") @DurationUnit(ChronoUnit.SECONDS) Duration retryBackoff,
      @DefaultValue("10m") @DurationUnit(ChronoUnit.SECONDS) Duration maxRetryBackoff,
      @DefaultValue("256") int maxConcurrency) {}

  /**
   * The durable timers ({@code budai:timers}).
   *
   * @param pollInterval how often a replica looks for due timers
   * @param batch how many due timers one poll claims at most
   * @param claimLease how long a claimed timer stays hidden from other replicas before it comes due
   *     again (if the claimer died before starting the step)
   */
  public record Timers(
      @DefaultValue("250ms") Duration pollInterval,
      @DefaultValue("100") int batch,
      @DefaultValue("30s") Duration claimLease) {}

  /**
   * Where the services the steps call live, and how long one call may take.
   *
   * @param collectorUrl transcription-collector ({@code GET /internal/transcripts/{meeting_id}})
   * @param collectorTimeout time limit of one collector call
   * @param summarizerUrl summarizer-agent ({@code POST /summarize})
   * @param summarizerTimeout time limit of one summary (an LLM over a long transcript is slow)
   * @param followupUrl followup-agent ({@code POST /followup}, {@code POST /email/send})
   * @param followupTimeout time limit of one follow-up call
   * @param slackUrl slack-integration-service ({@code POST /messages})
   * @param slackTimeout time limit of one Slack post
   * @param adminUrl admin-service ({@code GET /admin/users/{id}}: the meeting owner's address)
   * @param adminTimeout time limit of one admin-service call
   */
  public record Agents(
      @DefaultValue("http://127.0.0.1:8008") String collectorUrl,
      @DefaultValue("10s") Duration collectorTimeout,
      @DefaultValue("http://127.0.0.1:8002") String summarizerUrl,
      @DefaultValue("120s") Duration summarizerTimeout,
      @DefaultValue("http://127.0.0.1:8003") String followupUrl,
      @DefaultValue("60s") Duration followupTimeout,
      @DefaultValue("http://127.0.0.1:8006") String slackUrl,
      @DefaultValue("10s") Duration slackTimeout,
      @DefaultValue("http://127.0.0.1:8009") String adminUrl,
      @DefaultValue("10s") Duration adminTimeout) {}

  /**
   * Where follow-ups and briefs go.
   *
   * @param defaultChannel the Slack channel used when neither the meeting nor the user names one
   *     ({@code SLACK_DEFAULT_CHANNEL})
   * @param userChannels each user's own channel, as {@code user=channel} pairs separated by commas
   * @param email whether follow-ups are emailed to attendees with an address
   */
  public record Delivery(
      @DefaultValue("") String defaultChannel,
      @DefaultValue("") String userChannels,
      @DefaultValue("true") boolean email) {

    /** {@link #userChannels} as a map. */
    public Map<String, String> userChannelMap() {
      Map<String, String> map = new LinkedHashMap<>();
      for (String pair : userChannels.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && eq < pair.length() - 1) {
          map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
      return map;
    }
  }

  /**
   * The Google Calendar poller (off without a token).
   *
   * @param token OAuth access token of the connected calendar
   * @param userId the BudAI user the calendar belongs to (owner of its prep workflows)
   * @param calendarId which calendar ({@code primary})
   * @param baseUrl the Calendar API's base URL
   * @param pollInterval how often it is polled
   * @param horizon how far ahead meetings are announced
   */
  public record Calendar(
      @Nullable String token,
      @Nullable String userId,
      @DefaultValue("primary") String calendarId,
      @DefaultValue("https://www.googleapis.com/calendar/v3") String baseUrl,
      @DefaultValue("1m") Duration pollInterval,
      @DefaultValue("2h") Duration horizon) {

    /** Whether a calendar is connected. */
    public boolean enabled() {
      return token != null && !token.isBlank();
    }
  }
}
