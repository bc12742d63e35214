package io.budai.botmanager.bots;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.budai.botmanager.BotManagerProperties;
import io.budai.platform.http.ServiceClient;
import io.budai.platform.http.ServiceClients;
import io.budai.platform.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many bots a user may run at once, from admin-service's plan limits ({@code GET
 * /internal/limits/check?user_id&model}). A plan that allows no bots, or whose monthly
 * transcription minutes are used up, refuses the bot outright (429).
 *
 * <p>When admin-service cannot answer, bots still start, but never without a limit: the user's last
 * known limit (kept {@code bots.quota.last-known-for}) stands in, else {@code
 * bots.quota.fallback-max-concurrent-bots} (1). Failing closed would stop every meeting during an
 * admin-service outage; failing open would let one key start unlimited bots.
 */
@Component
class Quotas {

  private static final Logger log = LoggerFactory.getLogger(Quotas.class);

  private final ServiceClient admin;
  private final JsonMapper json;
  private final BotManagerProperties.Quota settings;
  private final Cache<String, Integer> lastKnown;
  private final MeterRegistry meters;

  Quotas(
      ServiceClients clients,
      BotManagerProperties properties,
      JsonMapper json,
      MeterRegistry meters) {
    this.admin = clients.client("admin-service", properties.adminServiceUrl());
    this.json = json;
    this.settings = properties.quota();
    this.lastKnown =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(properties.quota().lastKnownFor())
            .build();
    this.meters = meters;
  }

  /** The user's concurrent-bot limit; 429 when the plan refuses any bot now. */
  int maxConcurrentBots(String userId) {
    JsonNode check;
    try {
      check = ask(userId);
    } catch (HttpClientErrorException e) {
      return fallback(userId, "admin-service answered " + e.getStatusCode().value());
    } catch (RuntimeException e) {
      return fallback(userId, e.toString());
    }
    if (check == null || !check.has("max_concurrent_bots")) {
      return fallback(userId, "admin-service gave no limit");
    }
    int limit = check.get("max_concurrent_bots").asInt();
    lastKnown.put(userId, limit);
    if (check.has("allowed") && !check.get("allowed").asBoolean()) {
      String reason = check.path("reason").asString("not-allowed");
      throw new ProblemException(
          HttpStatus.TOO_MANY_REQUESTS,
          "plan-limit-reached",
          "Plan limit reached",
          switch (reason) {
            case "transcription-quota-exhausted" ->
                "This month's transcription minutes are used up; no new bot can start.";
            case "no-bots-allowed" -> "Your plan allows no meeting bots.";
            default -> "Your plan does not allow another bot now (" + reason + ").";
          },
          Map.of("reason", reason, "max_concurrent_bots", limit));
    }
    return limit;
  }

  private @Nullable JsonNode ask(String userId) {
    UriComponentsBuilder uri =
        UriComponentsBuilder.fromPath("/internal/limits/check").queryParam("user_id", userId);
    if (settings.model() != null && !settings.model().isBlank()) {
      uri.queryParam("model", settings.model());
    }
    String path = uri.encode().build().toUriString();
    String body = admin.call(true, rest -> rest.get().uri(path).retrieve().body(String.class));
    return body == null ? null : json.readTree(body);
  }

  private int fallback(String userId, String why) {
    Integer known = lastKnown.getIfPresent(userId);
    int limit = known != null ? known : settings.fallbackMaxConcurrentBots();
    meters
        .counter("bots.quota.fallback", "source", known != null ? "last_known" : "default")
        .increment();
    log.warn(
        "Plan limits of user {} unavailable ({}); using {} concurrent bot(s)", userId, why, limit);
    return limit;
  }
}
