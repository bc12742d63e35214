package io.budai.botmanager.recall;

import io.budai.botmanager.BotManagerProperties;
import io.budai.botmanager.bots.Bot;
import io.budai.botmanager.bots.BotStore;
import io.budai.contracts.RedisKeys;
import io.budai.contracts.events.BotStatus;
import io.budai.contracts.segments.Segment;
import io.budai.contracts.segments.SessionEnd;
import io.budai.contracts.segments.SessionStart;
import io.budai.contracts.segments.Transcription;
import io.budai.platform.bus.EventPublisher;
import io.budai.platform.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /recall/webhook}: every request Recall sends — status webhooks ({@code bot.<code>}
 * and the legacy {@code bot.status_change}) and real-time transcript events ({@code
 * transcript.data}, {@code transcript.partial_data}). Public (no internal token): Recall signs it,
 * and an unsigned, badly signed or stale request is refused with 401. A redelivery (same {@code
 * webhook-id}) is acknowledged and ignored.
 */
@RestController
class RecallWebhookController {

  private static final Logger log = LoggerFactory.getLogger(RecallWebhookController.class);

  private final @Nullable RecallSignatures signatures;
  private final BotStore store;
  private final EventPublisher events;
  private final StringRedisTemplate redis;
  private final JsonMapper json;
  private final Clock clock;
  private final MeterRegistry meters;
  private final String defaultLanguage;

  RecallWebhookController(
      BotManagerProperties properties,
      BotStore store,
      EventPublisher events,
      StringRedisTemplate redis,
      JsonMapper json,
      Clock clock,
      MeterRegistry meters) {
    String secret = properties.recall().webhookSecret();
    this.signatures = secret == null || secret.isBlank() ? null : new RecallSignatures(secret);
    this.store = store;
    this.events = events;
    this.redis = redis;
    this.json = json;
    this.clock = clock;
    this.meters = meters;
    this.defaultLanguage = properties.recall().language();
  }

  @Operation(
      summary = "Recall.ai webhooks (status changes, real-time transcript); signed by Recall")
  @PostMapping("/recall/webhook")
  Map<String, String> receive(@RequestHeader HttpHeaders headers, @RequestBody byte[] body) {
    String id = header(headers, "webhook-id", "svix-id");
    if (signatures == null) {
      log.warn("Refusing a Recall webhook: RECALL_WEBHOOK_SECRET is not set");
      throw unauthorized("Webhook verification is not configured (RECALL_WEBHOOK_SECRET).");
    }
    if (!signatures.verify(
        id,
        header(headers, "webhook-timestamp", "svix-timestamp"),
        header(headers, "webhook-signature", "svix-signature"),
        body,
        clock.instant())) {
      meters.counter("bots.recall.webhooks", "outcome", "bad_signature").increment();
      throw unauthorized("The webhook signature does not verify.");
    }
    Boolean first =
        redis
            .opsForValue()
            .setIfAbsent(RedisKeys.processed("recall-webhooks", id), "1", Duration.ofDays(2));
    if (!Boolean.TRUE.equals(first)) {
      meters.counter("bots.recall.webhooks", "outcome", "duplicate").increment();
      return Map.of("status", "duplicate");
    }
    JsonNode event;
    try {
      event = json.readTree(body);
    } catch (JacksonException e) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-webhook", "Invalid webhook", "The body is not JSON.");
    }
    String type = event.path("event").asString("");
    try {
      handle(type, event.path("data"));
    } catch (RuntimeException e) {
      // let Recall redeliver: forget that this delivery was seen
      redis.delete(RedisKeys.processed("recall-webhooks", id));
      throw e;
    }
    meters
        .counter("bots.recall.webhooks", "outcome", "handled", "event", metricName(type))
        .increment();
    return Map.of("status", "ok");
  }

  private void handle(String type, JsonNode data) {
    if (type.equals("bot.status_change")) {
      // legacy (v1.10): {"bot_id", "status": {"code", "sub_code"}}
      bot(data.path("bot_id").asString(""), null)
          .ifPresent(
              bot ->
                  status(
                      bot,
                      data.path("status").path("code").asString(""),
                      text(data.path("status").path("sub_code"))));
    } else if (type.startsWith("bot.")) {
      JsonNode recallBot = data.path("bot");
      bot(recallBot.path("id").asString(""), text(recallBot.path("metadata").path("budai_bot_id")))
          .ifPresent(
              bot ->
                  status(
                      bot,
                      data.path("data").path("code").asString(type.substring(4)),
                      text(data.path("data").path("sub_code"))));
    } else if (type.equals("transcript.data") || type.equals("transcript.partial_data")) {
      JsonNode recallBot = data.path("bot");
      bot(recallBot.path("id").asString(""), text(recallBot.path("metadata").path("budai_bot_id")))
          .ifPresent(bot -> transcript(bot, data.path("data"), type.equals("transcript.data")));
    }
  }

  private void status(Bot bot, String code, @Nullable String subCode) {
    switch (code) {
      case "joining_call" -> store.transition(bot, BotStatus.JOINING, null);
      case "in_waiting_room" -> store.transition(bot, BotStatus.AWAITING_ADMISSION, null);
      case "in_call_not_recording" -> store.transition(bot, BotStatus.IN_CALL, null);
      case "in_call_recording" -> {
        startSession(bot);
        store.transition(bot, BotStatus.RECORDING, null);
      }
      case "recording_permission_denied" -> {
        endSession(bot, "recording_permission_denied");
        store.transition(bot, BotStatus.FAILED, reason("recording_permission_denied", subCode));
      }
      case "call_ended" -> {
        String reason = completionReason(bot, subCode);
        store.put(bot, "end_reason", reason);
        endSession(bot, reason);
        store.transition(bot, BotStatus.LEAVING, reason);
      }
      case "done" -> {
        String reason = store.field(bot, "end_reason");
        endSession(bot, reason);
        store.transition(bot, BotStatus.ENDED, reason == null ? "stopped" : reason);
      }
      case "fatal" -> {
        endSession(bot, "fatal");
        store.transition(bot, BotStatus.FAILED, reason("fatal", subCode));
      }
      default -> log.debug("Recall status {} of bot {} changes nothing", code, bot.botId());
    }
  }

  private void transcript(Bot bot, JsonNode data, boolean complete) {
    JsonNode words = data.path("words");
    if (!words.isArray() || words.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode word : words) {
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(word.path("text").asString(""));
    }
    double start = words.get(0).path("start_timestamp").path("relative").asDouble();
    JsonNode last = words.get(words.size() - 1);
    double end = last.path("end_timestamp").path("relative").asDouble(start);
    JsonNode participant = data.path("participant");
    String speaker = text(participant.path("name"));
    String participantId = participant.path("id").asString("unknown");
    startSession(bot);
    events.publishSegment(
        new Transcription(
            bot.botId(),
            String.valueOf(bot.meetingId()),
            bot.platform(),
            bot.nativeMeetingId(),
            language(bot),
            "recallai_streaming",
            List.of(
                new Segment(
                    start,
                    Math.max(start, end),
                    speaker,
                    text.toString(),
                    language(bot),
                    complete,
                    bot.botId() + ":p" + participantId + ":" + Math.round(start * 1000)))));
  }

  private void startSession(Bot bot) {
    if (store.markOnce(bot, "session_started_at")) {
      events.publishSegment(
          new SessionStart(
              bot.botId(),
              String.valueOf(bot.meetingId()),
              bot.platform(),
              bot.nativeMeetingId(),
              language(bot),
              "recallai_streaming",
              bot.userId(),
              clock.instant()));
    }
  }

  private void endSession(Bot bot, @Nullable String reason) {
    if (store.field(bot, "session_started_at") != null && store.markOnce(bot, "session_ended_at")) {
      events.publishSegment(
          new SessionEnd(
              bot.botId(),
              String.valueOf(bot.meetingId()),
              bot.platform(),
              bot.nativeMeetingId(),
              language(bot),
              "recallai_streaming",
              clock.instant(),
              reason));
    }
  }

  private Optional<Bot> bot(String recallId, @Nullable String budaiBotId) {
    Optional<Bot> bot = budaiBotId != null ? store.find(budaiBotId) : Optional.empty();
    if (bot.isEmpty() && !recallId.isEmpty()) {
      bot = store.findByExternalId(RecallRuntime.NAME, recallId);
    }
    if (bot.isEmpty()) {
      meters.counter("bots.recall.webhooks", "outcome", "unknown_bot").increment();
      log.warn("Recall webhook for an unknown bot (recall id {})", recallId);
    }
    return bot;
  }

  private String completionReason(Bot bot, @Nullable String subCode) {
    String requested = store.field(bot, "end_reason");
    if (requested != null) {
      return requested;
    }
    if (subCode == null) {
      return "stopped";
    }
    return switch (subCode) {
      case "timeout_exceeded_waiting_room" -> "awaiting_admission_timeout";
      case "bot_kicked_from_call", "bot_kicked_from_waiting_room" -> "evicted";
      case "timeout_exceeded_everyone_left",
          "timeout_exceeded_noone_joined",
          "timeout_exceeded_only_bots_detected_using_participant_events",
          "timeout_exceeded_silence_detected" ->
          "left_alone";
      case "timeout_exceeded_in_call_recording", "timeout_exceeded_max_duration" ->
          "max_bot_time_exceeded";
      case "bot_received_leave_call", "call_ended_by_host", "call_ended_by_platform_idle" ->
          "stopped";
      default -> subCode;
    };
  }

  private String language(Bot bot) {
    return bot.language() == null ? defaultLanguage : bot.language();
  }

  private static String reason(String code, @Nullable String subCode) {
    return subCode == null ? code : code + ": " + subCode;
  }

  private static @Nullable String text(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node.asString();
  }

  private static @Nullable String header(HttpHeaders headers, String name, String legacy) {
    String value = headers.getFirst(name);
    return value != null ? value : headers.getFirst(legacy);
  }

  private static String metricName(String type) {
    return type.startsWith("bot.") ? "bot" : type.startsWith("transcript.") ? type : "other";
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(
        HttpStatus.UNAUTHORIZED, "invalid-webhook-signature", "Unauthorized", detail);
  }
}
