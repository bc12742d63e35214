package io.budai.botmanager;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of bot-manager, under {@code bots.*} (environment variables in {@code application.yml}
 * and the README).
 *
 * @param runtime {@code simulated}, {@code recall}, or {@code auto}: Recall when a Recall API key
 *     is set, else simulated
 * @param collectorUrl transcription-collector's base URL
 * @param adminServiceUrl admin-service's base URL (plan limits)
 * @param leaveTimeout how long a bot told to leave may take before it is declared ended
 * @param jitsiHosts Jitsi hosts a bot may join besides meet.jit.si
 * @param quota concurrency limits
 * @param simulated the simulated runtime
 * @param recall the Recall.ai runtime
 * @param fireflies Fireflies.ai as a transcript source (import API and poller)
 */
@ConfigurationProperties("bots")
public record BotManagerProperties(
    @DefaultValue("auto") String runtime,
    @DefaultValue("http://127.0.0.1:8008") String collectorUrl,
    @DefaultValue("http://127.0.0.1:8009") String adminServiceUrl,
    @DefaultValue("30s") Duration leaveTimeout,
    @DefaultValue("meet.jit.si") List<String> jitsiHosts,
    @DefaultValue Quota quota,
    @DefaultValue Simulated simulated,
    @DefaultValue Recall recall,
    @DefaultValue Fireflies fireflies) {

  /**
   * Concurrency limits.
   *
   * @param fallbackMaxConcurrentBots the limit used when admin-service cannot be asked and this
   *     user's limit was never seen: small, never unlimited
   * @param lastKnownFor how long a user's limit, once read, stands in while admin-service is down
   * @param model the model identifier sent to admin-service's limits check, if plans price bots per
   *     model
   */
  public record Quota(
      @DefaultValue("1") int fallbackMaxConcurrentBots,
      @DefaultValue("24h") Duration lastKnownFor,
      @Nullable String model) {}

  /**
   * The simulated runtime.
   *
   * @param speed how many times faster than real time a replay plays (a request may override)
   * @param defaultSample the bundled sample meeting replayed when a request names none
   * @param joinDelay time from request to joining
   * @param admissionDelay time spent in the waiting room
   * @param leftAloneWait time the bot stays after everyone left before it leaves
   * @param orphanAfter a running simulated bot whose heartbeat is older than this lost its replica
   *     (killed) and is declared failed
   */
  public record Simulated(
      @DefaultValue("25") double speed,
      @DefaultValue("ES2002a") String defaultSample,
      @DefaultValue("500ms") Duration joinDelay,
      @DefaultValue("500ms") Duration admissionDelay,
      @DefaultValue("1s") Duration leftAloneWait,
      @DefaultValue("60s") Duration orphanAfter) {}

  /**
   * The Recall.ai runtime.
   *
   * @param apiKey the workspace API key (selects this runtime under {@code auto})
   * @param baseUrl the region's base URL (or a test server)
   * @param webhookSecret the workspace verification secret ({@code whsec_…}) that signs webhooks
   * @param publicUrl the base URL Recall reaches bot-manager's {@code /recall/webhook} at
   * @param timeout time limit of one call to Recall
   * @param language transcription language requested from Recall
   */
  public record Recall(
      @Nullable String apiKey,
      @DefaultValue("https://us-west-2.recall.ai") String baseUrl,
      @Nullable String webhookSecret,
      @DefaultValue("http://localhost:8000") String publicUrl,
      @DefaultValue("10s") Duration timeout,
      @DefaultValue("en") String language) {}

  /**
   * Fireflies.ai as a transcript source: its GraphQL API (protocols.md §6a) and the poller that
   * imports new transcripts.
   *
   * @param apiKey the Fireflies API key (Bearer); without it importing answers 503
   * @param userId the BudAI user who owns imported meetings (and the only one who may import)
   * @param url the GraphQL endpoint (or a test server)
   * @param pollInterval time between polls for new transcripts; {@code 0} turns the poller off (it
   *     also needs the key and the user)
   * @param pollLookback how far back a poll looks ({@code fromDate})
   * @param pageSize transcripts per {@code transcripts} page (Fireflies allows at most 50)
   * @param maxPages pages one poll reads at most
   * @param timeout time limit of one call to Fireflies
   * @param maxRetryWait the longest rate-limit wait a call sits out before it retries; a longer
   *     {@code Retry-After} fails the call at once (503 with the wait)
   * @param slackChannelId Slack channel imported meetings' summaries go to (optional)
   * @param importLease how long one import may hold its transcript before another may take over
   */
  public record Fireflies(
      @Nullable String apiKey,
      @Nullable String userId,
      @DefaultValue("https://api.fireflies.ai/graphql") String url,
      @DefaultValue("5m") Duration pollInterval,
      @DefaultValue("7d") Duration pollLookback,
      @DefaultValue("50") int pageSize,
      @DefaultValue("4") int maxPages,
      @DefaultValue("15s") Duration timeout,
      @DefaultValue("10s") Duration maxRetryWait,
      @Nullable String slackChannelId,
      @DefaultValue("5m") Duration importLease) {

    /** Whether the key and the owning user are both set. */
    public boolean configured() {
      return apiKey != null && !apiKey.isBlank() && userId != null && !userId.isBlank();
    }
  }
}
