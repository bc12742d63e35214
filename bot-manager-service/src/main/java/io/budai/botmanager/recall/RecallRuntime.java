package io.budai.botmanager.recall;

import io.budai.botmanager.BotManagerProperties;
import io.budai.botmanager.bots.Bot;
import io.budai.botmanager.bots.BotRequest;
import io.budai.botmanager.bots.BotStore;
import io.budai.botmanager.runtime.BotRuntime;
import io.budai.platform.web.ProblemException;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code recall} runtime: creates a Recall bot that streams its real-time transcript to {@code
 * {BOT_PUBLIC_URL}/recall/webhook}, with BudAI's bot and meeting ids as metadata (echoed in every
 * webhook). {@code automatic_leave} timeouts are passed to Recall in seconds ({@code max_bot_time},
 * which Recall has no setting for, is enforced here with a timed {@code leave_call}); leaving is
 * Recall's {@code leave_call}. Recall bots cannot change language in a call, so reconfiguration is
 * refused.
 */
@Component
class RecallRuntime implements BotRuntime, DisposableBean {

  static final String NAME = "recall";
  private static final Logger log = LoggerFactory.getLogger(RecallRuntime.class);

  private final RecallClient client;
  private final BotStore store;
  private final JsonMapper json;
  private final BotManagerProperties.Recall settings;
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("recall-max-bot-time").daemon().factory());

  RecallRuntime(
      RecallClient client, BotStore store, JsonMapper json, BotManagerProperties properties) {
    this.client = client;
    this.store = store;
    this.json = json;
    this.settings = properties.recall();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start(Bot bot, BotRequest request) {
    JsonNode created = client.createBot(createBody(bot, request));
    String recallId = created.path("id").asString("");
    if (recallId.isEmpty()) {
      throw new IllegalStateException("Recall answered without a bot id");
    }
    store.setExternalId(bot, recallId);
    Map<String, Object> leave = request.automaticLeave();
    if (leave != null && leave.get("max_bot_time") instanceof Number max) {
      timers.schedule(
          () -> {
            try {
              log.info("Bot {} reached max_bot_time; leaving", bot.botId());
              store.put(bot, "end_reason", "max_bot_time_exceeded");
              client.leaveCall(recallId);
            } catch (RuntimeException e) {
              log.warn("Could not make Recall bot {} leave", recallId, e);
            }
          },
          max.longValue(),
          TimeUnit.MILLISECONDS);
    }
    log.info("Recall bot {} created for bot {}", recallId, bot.botId());
  }

  @Override
  public void leave(Bot bot) {
    String recallId = bot.externalId() != null ? bot.externalId() : store.field(bot, "external_id");
    if (recallId == null) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "bot-not-started",
          "Bot not started",
          "The Recall bot was not created yet; try again in a moment.");
    }
    store.put(bot, "end_reason", "stopped");
    client.leaveCall(recallId);
  }

  @Override
  public void reconfigure(Bot bot, @Nullable String language, @Nullable String task) {
    throw new ProblemException(
        HttpStatus.CONFLICT,
        "reconfigure-unsupported",
        "Reconfiguration not supported",
        "A Recall bot cannot change language or task during a call; stop it and start a new one.");
  }

  private ObjectNode createBody(Bot bot, BotRequest request) {
    ObjectNode body = json.createObjectNode();
    body.put("meeting_url", bot.meetingUrl());
    body.put("bot_name", bot.botName() == null ? "BudAI" : bot.botName());
    ObjectNode metadata = body.putObject("metadata");
    metadata.put("budai_bot_id", bot.botId());
    metadata.put("meeting_id", String.valueOf(bot.meetingId()));
    String language = bot.language() == null ? settings.language() : bot.language();
    ObjectNode recording = body.putObject("recording_config");
    ObjectNode streaming =
        recording.putObject("transcript").putObject("provider").putObject("recallai_streaming");
    // low latency is English only; other languages stream later but accurately
    streaming.put(
        "mode", language.startsWith("en") ? "prioritize_low_latency" : "prioritize_accuracy");
    streaming.put("language_code", language);
    ObjectNode endpoint = recording.putArray("realtime_endpoints").addObject();
    endpoint.put("type", "webhook");
    endpoint.put("url", settings.publicUrl().replaceAll("/+$", "") + "/recall/webhook");
    endpoint.putArray("events").add("transcript.data").add("transcript.partial_data");
    Map<String, Object> leave = request.automaticLeave();
    if (leave != null && !leave.isEmpty()) {
      ObjectNode automatic = body.putObject("automatic_leave");
      seconds(leave, "max_wait_for_admission", "waiting_room_timeout")
          .ifPresent(s -> automatic.put("waiting_room_timeout", s));
      seconds(leave, "no_one_joined_timeout", null)
          .ifPresent(s -> automatic.put("noone_joined_timeout", s));
      seconds(leave, "max_time_left_alone", "everyone_left_timeout")
          .ifPresent(
              s ->
                  automatic
                      .putObject("everyone_left_timeout")
                      .put("timeout", s)
                      .put("activate_after", 0));
    }
    return body;
  }

  private static java.util.Optional<Long> seconds(
      Map<String, Object> leave, String key, @Nullable String legacy) {
    Object value = leave.get(key);
    if (value == null && legacy != null) {
      value = leave.get(legacy);
    }
    return value instanceof Number number
        ? java.util.Optional.of(Math.max(1, number.longValue() / 1000))
        : java.util.Optional.empty();
  }

  @Override
  public void destroy() {
    timers.shutdownNow();
  }
}
