package io.budai.botmanager.bots;

import io.budai.botmanager.BotManagerProperties;
import io.budai.botmanager.runtime.BotRuntime;
import io.budai.botmanager.runtime.BotRuntimes;
import io.budai.contracts.events.BotStatus;
import io.budai.contracts.events.BotStatusChanged;
import io.budai.platform.bus.EventPublisher;
import io.budai.platform.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What the {@code /bots} API does: request, stop, reconfigure, list and report bots. */
@Service
public class BotService implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(BotService.class);
  private static final Set<String> FINAL = Set.of("completed", "failed");

  private final MeetingLinks links;
  private final Quotas quotas;
  private final BotStore store;
  private final CollectorClient collector;
  private final BotRuntimes runtimes;
  private final EventPublisher events;
  private final JsonMapper json;
  private final Clock clock;
  private final Duration leaveTimeout;
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("bot-leave-watchdog").daemon().factory());

  BotService(
      MeetingLinks links,
      Quotas quotas,
      BotStore store,
      CollectorClient collector,
      BotRuntimes runtimes,
      EventPublisher events,
      JsonMapper json,
      Clock clock,
      BotManagerProperties properties) {
    this.links = links;
    this.quotas = quotas;
    this.store = store;
    this.collector = collector;
    this.runtimes = runtimes;
    this.events = events;
    this.json = json;
    this.clock = clock;
    this.leaveTimeout = properties.leaveTimeout();
  }

  /**
   * Requests a bot: 422 for a meeting it cannot join, 409 when the user already has a running bot
   * there, 429 over the plan's concurrency limit; else the meeting (Vexa's {@code MeetingResponse},
   * status {@code requested}).
   */
  public JsonNode request(String userId, BotRequest request) {
    MeetingLinks.Resolved meeting =
        links.resolve(
            request.platform(),
            request.nativeMeetingId(),
            request.meetingUrl(),
            request.passcode());
    checkAutomaticLeave(request.automaticLeave());
    BotRuntime runtime = runtimes.current();
    runtime.validate(request);
    collector
        .latestMeeting(userId, meeting.platform(), meeting.nativeMeetingId())
        .filter(m -> !FINAL.contains(m.path("status").asString()))
        .ifPresent(
            running -> {
              throw new ProblemException(
                  HttpStatus.CONFLICT,
                  "meeting-already-active",
                  "Meeting already active",
                  "You already have a running bot for "
                      + meeting.platform()
                      + "/"
                      + meeting.nativeMeetingId()
                      + " (meeting "
                      + running.path("id").asLong()
                      + ", "
                      + running.path("status").asString()
                      + "). Stop it first.",
                  Map.of(
                      "meeting_id", running.path("id").asLong(),
                      "meeting_status", running.path("status").asString()));
            });
    int limit = quotas.maxConcurrentBots(userId);
    Instant now = clock.instant();
    Bot bot =
        new Bot(
            UUID.randomUUID().toString(),
            0,
            userId,
            meeting.platform(),
            meeting.nativeMeetingId(),
            meeting.url(),
            runtime.name(),
            BotStatus.REQUESTED,
            null,
            request.language(),
            request.task(),
            request.botName(),
            null,
            now,
            now);
    if (!store.reserve(bot, limit)) {
      throw new ProblemException(
          HttpStatus.TOO_MANY_REQUESTS,
          "concurrent-bot-limit",
          "Too many bots",
          "User has reached the maximum concurrent bot limit (" + limit + ").",
          Map.of("max_concurrent_bots", limit));
    }
    JsonNode created;
    try {
      created =
          collector.createMeeting(
              userId,
              meeting.platform(),
              meeting.nativeMeetingId(),
              meeting.url(),
              bot.botId(),
              meetingData(request, meeting, runtime));
    } catch (RuntimeException e) {
      store.release(bot);
      throw e;
    }
    long meetingId = created.path("id").asLong();
    Bot attached = withMeeting(bot, meetingId);
    store.attach(attached, meetingId);
    try {
      runtime.start(attached, request);
    } catch (RuntimeException e) {
      log.warn("Bot {} could not start on {}", bot.botId(), runtime.name(), e);
      store.transition(attached, BotStatus.FAILED, "start failed: " + e.getMessage());
      throw new ProblemException(
          HttpStatus.BAD_GATEWAY,
          "bot-start-failed",
          "Bot could not start",
          "The "
              + runtime.name()
              + " runtime could not start the bot; the meeting is marked failed.",
          Map.of("meeting_id", meetingId));
    }
    return created;
  }

  /** Stops the user's bot in the meeting (Vexa: 202, idempotent once the meeting is over). */
  public Map<String, Object> stop(String userId, String platform, String nativeMeetingId) {
    JsonNode meeting =
        collector
            .latestMeeting(userId, platform, nativeMeetingId)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "meeting-not-found",
                        "Meeting not found",
                        "No meeting found to stop."));
    String status = meeting.path("status").asString();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("meeting_id", meeting.path("id").asLong());
    if (FINAL.contains(status)) {
      answer.put("message", "Meeting already " + status + ".");
      answer.put("status", status);
      return answer;
    }
    String botId = meeting.path("bot_container_id").asString("");
    Bot bot = store.find(botId).orElse(null);
    if (bot == null || bot.status().terminal()) {
      // no bot runs for this meeting any more: the meeting ends here
      events.publish(
          new BotStatusChanged(
              botId, String.valueOf(meeting.path("id").asLong()), BotStatus.ENDED, "stopped"),
          userId);
    } else {
      runtimes.named(bot.runtime()).leave(bot);
      store.transition(bot, BotStatus.LEAVING, "stop requested");
      watchdog.schedule(
          () -> forceEnd(bot.botId()), leaveTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    answer.put("message", "Stop request accepted and is being processed.");
    answer.put("status", "stopping");
    return answer;
  }

  /** Changes a running bot's language or task (202), 409 unless the meeting is active. */
  public Map<String, Object> reconfigure(
      String userId, String platform, String nativeMeetingId, ConfigUpdate update) {
    if (update.language() == null && update.task() == null) {
      throw new InvalidBotRequestException("language", "Give language or task to change.");
    }
    JsonNode meeting =
        collector
            .latestMeeting(userId, platform, nativeMeetingId)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "meeting-not-found",
                        "Meeting not found",
                        "No meeting found for platform "
                            + platform
                            + " and ID "
                            + nativeMeetingId
                            + "."));
    String status = meeting.path("status").asString();
    if (!"active".equals(status)) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "meeting-not-active",
          "Meeting not active",
          "Meeting found but is not active (status: '" + status + "'). Reconfigure a running bot.",
          Map.of("meeting_status", status));
    }
    Bot bot =
        store
            .find(meeting.path("bot_container_id").asString(""))
            .filter(b -> !b.status().terminal())
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.CONFLICT,
                        "bot-not-running",
                        "Bot not running",
                        "No running bot serves this meeting."));
    runtimes.named(bot.runtime()).reconfigure(bot, update.language(), update.task());
    return Map.of("message", "Reconfiguration request accepted and sent to the bot.");
  }

  /** The user's running bots. */
  public BotStatusResponse status(String userId) {
    List<BotStatusResponse.BotStatusView> running =
        store.running(userId).stream().map(BotStatusResponse.BotStatusView::of).toList();
    return new BotStatusResponse(running, running.size(), running.size());
  }

  /** A page of the user's bots (their meetings), newest first. */
  public JsonNode list(
      String userId, int limit, int offset, @Nullable String status, @Nullable String platform) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("limit", String.valueOf(limit));
    query.put("offset", String.valueOf(offset));
    if (status != null) {
      query.put("status", status);
    }
    if (platform != null) {
      query.put("platform", platform);
    }
    JsonNode page = collector.meetings(userId, query);
    ObjectNode answer = json.createObjectNode();
    answer.set("meetings", page.path("meetings"));
    answer.put("has_more", page.path("has_more").asBoolean());
    answer.put("limit", limit);
    answer.put("offset", offset);
    return answer;
  }

  private void forceEnd(String botId) {
    store
        .find(botId)
        .filter(bot -> !bot.status().terminal())
        .ifPresent(
            bot -> {
              log.warn("Bot {} did not leave within {}; ending it", botId, leaveTimeout);
              store.transition(bot, BotStatus.ENDED, "stopped");
            });
  }

  private ObjectNode meetingData(
      BotRequest request, MeetingLinks.Resolved meeting, BotRuntime runtime) {
    ObjectNode data = json.createObjectNode();
    data.put("bot_name", request.botName() == null ? "BudAI" : request.botName());
    if (request.language() != null) {
      data.put("language", request.language());
    }
    data.put("task", request.task() == null ? "transcribe" : request.task());
    if (meeting.passcode() != null) {
      data.put("passcode", meeting.passcode());
    }
    if (request.slackChannelId() != null) {
      data.put("slack_channel_id", request.slackChannelId());
    }
    if (request.automaticLeave() != null) {
      data.set("automatic_leave", json.valueToTree(request.automaticLeave()));
    }
    data.put("runtime", runtime.name());
    return data;
  }

  private static void checkAutomaticLeave(@Nullable Map<String, Object> automaticLeave) {
    if (automaticLeave == null) {
      return;
    }
    for (Map.Entry<String, Object> entry : automaticLeave.entrySet()) {
      if (!BotRequest.AUTOMATIC_LEAVE_KEYS.contains(entry.getKey())) {
        throw new InvalidBotRequestException(
            "automatic_leave",
            "Unknown automatic_leave key '"
                + entry.getKey().replaceAll("\\p{Cntrl}", "")
                + "'; known: "
                + String.join(", ", BotRequest.AUTOMATIC_LEAVE_KEYS)
                + ".");
      }
      if (!(entry.getValue() instanceof Number number)
          || number.doubleValue() < 0
          || number.doubleValue() > 86_400_000L) {
        throw new InvalidBotRequestException(
            "automatic_leave",
            "automatic_leave." + entry.getKey() + " must be milliseconds between 0 and 86400000.");
      }
    }
  }

  private static Bot withMeeting(Bot bot, long meetingId) {
    return new Bot(
        bot.botId(),
        meetingId,
        bot.userId(),
        bot.platform(),
        bot.nativeMeetingId(),
        bot.meetingUrl(),
        bot.runtime(),
        bot.status(),
        bot.externalId(),
        bot.language(),
        bot.task(),
        bot.botName(),
        bot.reason(),
        bot.createdAt(),
        bot.updatedAt());
  }

  @Override
  public void destroy() {
    watchdog.shutdownNow();
  }

  /**
   * Body of {@code PUT /bots/{platform}/{native_meeting_id}/config}.
   *
   * @param language new language
   * @param task new task
   */
  public record ConfigUpdate(
      @Nullable
          @jakarta.validation.constraints.Pattern(
              regexp = "[a-z]{2,3}(-[A-Za-z]{2,4})?",
              message = "must be a language code such as en or pt-BR")
          String language,
      @Nullable
          @jakarta.validation.constraints.Pattern(
              regexp = "transcribe|translate",
              message = "must be transcribe or translate")
          String task) {}
}
