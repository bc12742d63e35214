package io.budai.admin.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.budai.admin.users.UserResponse;
import io.budai.admin.users.Users;
import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The calling user's webhook and its delivery history (X-API-Key through the gateway). */
@RestController
class WebhookController {

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Webhooks webhooks;
  private final Users users;
  private final UrlGuard guard;
  private final JdbcClient jdbc;
  private final JsonMapper json;

  WebhookController(
      Webhooks webhooks,
      Users users,
      WebhookProperties properties,
      JdbcClient jdbc,
      JsonMapper json) {
    this.webhooks = webhooks;
    this.users = users;
    this.guard = new UrlGuard(properties.allowPrivate());
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The webhook as {@code GET /user/webhook} shows it (the secret never leaves again). */
  record WebhookView(
      @Nullable String webhookUrl,
      List<String> events,
      Map<String, Boolean> webhookEvents,
      boolean hasSecret,
      @Nullable Instant updatedAt) {}

  /**
   * Vexa's answer to {@code PUT /user/webhook} is the {@code UserResponse} (with {@code
   * data.webhook_url}); BudAI adds {@code webhook_secret} when it generated one (shown once).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record WebhookSaved(
      long id,
      String email,
      @Nullable String name,
      @Nullable String imageUrl,
      Instant createdAt,
      int maxConcurrentBots,
      ObjectNode data,
      @Nullable String webhookSecret) {}

  @GetMapping("/user/webhook")
  WebhookView get(CallerIdentity caller) {
    long userId = userId(caller);
    return webhooks
        .find(userId)
        .map(w -> new WebhookView(w.url(), w.events(), flags(w.events()), true, w.updatedAt()))
        .orElse(new WebhookView(null, List.of(), flags(List.of()), false, null));
  }

  /**
   * Sets ({@code webhook_url}) or removes ({@code webhook_url} null or empty) the webhook. Events
   * come as {@code events: [..]} or Vexa's {@code webhook_events: {type: bool}}; by default only
   * {@code meeting.completed}. Without {@code webhook_secret} the current secret is kept, or one is
   * generated.
   */
  @PutMapping("/user/webhook")
  @Transactional
  WebhookSaved put(CallerIdentity caller, @RequestBody JsonNode body) {
    long userId = userId(caller);
    users.require(userId);
    if (!(body instanceof ObjectNode request)) {
      throw invalid("The body must be a JSON object.");
    }
    String url = text(request, "webhook_url");
    ObjectNode mirror = json.createObjectNode();
    if (url == null || url.isBlank()) {
      webhooks.delete(userId);
      mirror.putNull("webhook_url");
      mirror.putNull("webhook_events");
      users.mergeData(userId, mirror);
      return saved(userId, null);
    }
    Optional<UrlGuard.Refusal> refusal = guard.check(url);
    if (refusal.isPresent()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "webhook-url-refused",
          "Webhook URL refused",
          refusal.get().reason());
    }
    List<String> events = events(request);
    Optional<Webhooks.Webhook> existing = webhooks.find(userId);
    String secret = text(request, "webhook_secret");
    String generated = null;
    if (secret == null || secret.isBlank()) {
      if (existing.isPresent()) {
        secret = existing.get().secret();
      } else {
        secret = generated = newSecret();
      }
    } else if (secret.length() > 256) {
      throw invalid("webhook_secret is longer than 256 characters.");
    }
    webhooks.save(userId, url.trim(), secret, events);
    mirror.put("webhook_url", url.trim());
    mirror.set("webhook_events", json.valueToTree(flags(events)));
    users.mergeData(userId, mirror);
    return saved(userId, generated);
  }

  /** One attempt-level view of a delivery. */
  record Delivery(
      long id,
      String eventId,
      String eventType,
      String url,
      String status,
      int attempts,
      @Nullable Integer lastStatusCode,
      @Nullable String lastError,
      Instant createdAt,
      @Nullable Instant lastAttemptAt,
      @Nullable Instant nextAttemptAt,
      @Nullable Instant deliveredAt) {}

  record Deliveries(List<Delivery> deliveries) {}

  @GetMapping("/user/webhook/deliveries")
  Deliveries deliveries(
      CallerIdentity caller,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
      @RequestParam(required = false) @Nullable String status) {
    long userId = userId(caller);
    if (status != null && !Set.of("pending", "delivered", "failed").contains(status)) {
      throw invalid("status must be pending, delivered or failed.");
    }
    return new Deliveries(
        jdbc.sql(
                """
                SELECT * FROM webhook_deliveries
                WHERE user_id = :user_id AND (CAST(:status AS text) IS NULL OR status = :status)
                ORDER BY created_at DESC, id DESC LIMIT :limit""")
            .param("user_id", userId)
            .param("status", status)
            .param("limit", limit)
            .query(
                (rs, row) ->
                    new Delivery(
                        rs.getLong("id"),
                        rs.getString("event_id"),
                        rs.getString("event_type"),
                        rs.getString("url"),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        (Integer) rs.getObject("last_status_code"),
                        rs.getString("last_error"),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("last_attempt_at")),
                        "pending".equals(rs.getString("status"))
                            ? instant(rs.getTimestamp("next_attempt_at"))
                            : null,
                        instant(rs.getTimestamp("delivered_at"))))
            .list());
  }

  private WebhookSaved saved(long userId, @Nullable String generatedSecret) {
    UserResponse user = UserResponse.of(users.require(userId));
    return new WebhookSaved(
        user.id(),
        user.email(),
        user.name(),
        user.imageUrl(),
        user.createdAt(),
        user.maxConcurrentBots(),
        user.data(),
        generatedSecret);
  }

  private static List<String> events(ObjectNode request) {
    Set<String> chosen = new LinkedHashSet<>();
    JsonNode list = request.get("events");
    JsonNode flags = request.get("webhook_events");
    boolean given = false;
    if (list != null && !list.isNull()) {
      given = true;
      if (!list.isArray()) {
        throw invalid("events must be a list of event types.");
      }
      for (JsonNode type : list) {
        chosen.add(type.asString());
      }
    }
    if (flags != null && !flags.isNull()) {
      given = true;
      if (!flags.isObject()) {
        throw invalid("webhook_events must be an object of event type → true/false.");
      }
      for (Map.Entry<String, JsonNode> flag : flags.properties()) {
        if (!flag.getValue().isBoolean()) {
          throw invalid("webhook_events values must be true or false.");
        }
        if (flag.getValue().asBoolean()) {
          chosen.add(flag.getKey());
        } else {
          chosen.remove(flag.getKey());
          if (!WebhookEventTypes.ALL.contains(flag.getKey())) {
            throw unknownEvent(flag.getKey());
          }
        }
      }
    }
    if (!given) {
      return WebhookEventTypes.DEFAULT;
    }
    for (String type : chosen) {
      if (!WebhookEventTypes.ALL.contains(type)) {
        throw unknownEvent(type);
      }
    }
    return new ArrayList<>(chosen);
  }

  private static Map<String, Boolean> flags(List<String> events) {
    Map<String, Boolean> flags = new LinkedHashMap<>();
    WebhookEventTypes.ALL.stream().sorted().forEach(type -> flags.put(type, events.contains(type)));
    return flags;
  }

  private static @Nullable String text(ObjectNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw invalid(field + " must be a string.");
    }
    return value.asString();
  }

  private static long userId(CallerIdentity caller) {
    try {
      return Long.parseLong(caller.requireUser());
    } catch (NumberFormatException e) {
      throw new ProblemException(
          HttpStatus.UNAUTHORIZED, "missing-user", "No user", "The caller is not a BudAI user.");
    }
  }

  private static String newSecret() {
    StringBuilder secret = new StringBuilder("whsec_");
    for (int i = 0; i < 32; i++) {
      secret.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return secret.toString();
  }

  private static @Nullable Instant instant(java.sql.@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static ProblemException unknownEvent(String type) {
    return invalid(
        "Unknown event type '"
            + type
            + "'; known: "
            + String.join(", ", WebhookEventTypes.ALL.stream().sorted().toList())
            + ".");
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(
        HttpStatus.BAD_REQUEST, "invalid-webhook", "Invalid webhook", detail);
  }
}
