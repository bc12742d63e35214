package io.budai.botmanager.simulated;

import io.budai.botmanager.BotManagerProperties;
import io.budai.botmanager.bots.Bot;
import io.budai.botmanager.bots.BotRequest;
import io.budai.botmanager.bots.BotStore;
import io.budai.contracts.events.BotStatus;
import io.budai.contracts.segments.Segment;
import io.budai.contracts.segments.SessionEnd;
import io.budai.contracts.segments.SessionStart;
import io.budai.contracts.segments.Transcription;
import io.budai.platform.bus.EventPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One simulated bot, start to end: {@code joining} → {@code awaiting_admission} → {@code in_call},
 * {@code session_start}, each turn as a draft (its first half) and then confirmed, everyone leaves,
 * the bot waits {@code max_time_left_alone}, {@code leaving}, {@code session_end}, {@code ended}.
 * Meeting times ({@code automatic_leave}, replay times) pass {@code speed} times faster than real
 * time. Waits are polls of the command queue, so {@code leave} and {@code reconfigure} act at once.
 */
final class SimulatedBot implements Runnable, MessageListener {

  private static final Logger log = LoggerFactory.getLogger(SimulatedBot.class);

  private final Bot bot;
  private final ReplayPlan plan;
  private final BotStore store;
  private final EventPublisher events;
  private final JsonMapper json;
  private final Clock clock;
  private final BotManagerProperties.Simulated settings;
  private final Runnable onFinish;
  private final BlockingQueue<JsonNode> commands = new LinkedBlockingQueue<>();
  private final Map<String, Long> automaticLeave = new HashMap<>();
  private final @Nullable String failStage;
  private final @Nullable Long admissionDelayMs;
  private volatile boolean shutdown;
  private @Nullable String language;
  private boolean sessionStarted;
  private Instant startedAt = Instant.EPOCH;
  private long lastBeat;

  SimulatedBot(
      Bot bot,
      ReplayPlan plan,
      BotRequest request,
      BotStore store,
      EventPublisher events,
      JsonMapper json,
      Clock clock,
      BotManagerProperties.Simulated settings,
      Runnable onFinish) {
    this.bot = bot;
    this.plan = plan;
    this.store = store;
    this.events = events;
    this.json = json;
    this.clock = clock;
    this.settings = settings;
    this.onFinish = onFinish;
    this.language = bot.language();
    if (request.automaticLeave() != null) {
      request.automaticLeave().forEach((k, v) -> automaticLeave.put(k, ((Number) v).longValue()));
    }
    this.failStage = request.replay() == null ? null : request.replay().failStage();
    this.admissionDelayMs = request.replay() == null ? null : request.replay().admissionDelayMs();
  }

  @Override
  public void onMessage(Message message, byte @Nullable [] pattern) {
    try {
      commands.add(json.readTree(new String(message.getBody(), StandardCharsets.UTF_8)));
    } catch (JacksonException e) {
      log.warn("Bot {} ignores a malformed command", bot.botId());
    }
  }

  void shutdown() {
    shutdown = true;
    commands.add(json.createObjectNode().put("action", "shutdown"));
  }

  @Override
  public void run() {
    try {
      play();
    } catch (Left left) {
      finish(left.status, left.reason);
    } catch (RuntimeException e) {
      log.warn("Simulated bot {} crashed", bot.botId(), e);
      finish(BotStatus.FAILED, "simulated bot error: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      onFinish.run();
    }
  }

  private void play() throws InterruptedException {
    startedAt = clock.instant();
    waitReal(settings.joinDelay(), "stopped_before_admission");
    status(BotStatus.JOINING, null);
    failIf("joining");
    long admission =
        admissionDelayMs != null ? scaled(admissionDelayMs) : settings.admissionDelay().toMillis();
    status(BotStatus.AWAITING_ADMISSION, null);
    failIf("awaiting_admission");
    Long maxWait = leaveAfter("max_wait_for_admission", "waiting_room_timeout");
    if (maxWait != null && scaled(maxWait) < admission) {
      waitReal(Duration.ofMillis(scaled(maxWait)), "stopped_before_admission");
      throw new Left(BotStatus.ENDED, "awaiting_admission_timeout");
    }
    waitReal(Duration.ofMillis(admission), "stopped_before_admission");
    status(BotStatus.IN_CALL, null);
    events.publishSegment(
        new SessionStart(
            bot.botId(),
            String.valueOf(bot.meetingId()),
            bot.platform(),
            bot.nativeMeetingId(),
            language,
            SimulatedRuntime.NAME,
            bot.userId(),
            clock.instant()));
    sessionStarted = true;
    failIf("active");
    Instant inCall = clock.instant();
    List<ReplayPlan.Planned> turns = plan.turns();
    for (int i = 0; i < turns.size(); i++) {
      ReplayPlan.Planned turn = turns.get(i);
      String segmentId = bot.botId() + ":" + speakerKey(turn.speaker()) + ":" + i;
      String[] words = turn.text().trim().split("\\s+");
      if (words.length >= 4) {
        double middle = (turn.start() + turn.end()) / 2;
        waitUntil(inCall, middle);
        String draft = String.join(" ", Arrays.copyOf(words, words.length / 2));
        publish(
            new Segment(turn.start(), middle, turn.speaker(), draft, language, false, segmentId));
      }
      waitUntil(inCall, turn.end());
      publish(
          new Segment(
              turn.start(), turn.end(), turn.speaker(), turn.text(), language, true, segmentId));
    }
    // everyone left: the bot stays alone for a while, then goes
    Long alone = leaveAfter("max_time_left_alone", "everyone_left_timeout");
    Duration wait = alone != null ? Duration.ofMillis(scaled(alone)) : settings.leftAloneWait();
    waitReal(wait, "stopped");
    throw new Left(BotStatus.ENDED, "left_alone");
  }

  private void publish(Segment segment) {
    events.publishSegment(
        new Transcription(
            bot.botId(),
            String.valueOf(bot.meetingId()),
            bot.platform(),
            bot.nativeMeetingId(),
            language,
            SimulatedRuntime.NAME,
            List.of(segment)));
  }

  /** Waits until {@code meetingSeconds} after {@code since} (scaled), serving commands. */
  private void waitUntil(Instant since, double meetingSeconds) throws InterruptedException {
    long dueMs = since.toEpochMilli() + (long) (meetingSeconds * 1000 / plan.speed());
    waitReal(Duration.ofMillis(Math.max(0, dueMs - clock.millis())), "stopped");
  }

  /** Waits {@code duration} of real time, serving commands; a leave ends the bot. */
  private void waitReal(Duration duration, String leaveReason) throws InterruptedException {
    long deadline = clock.millis() + duration.toMillis();
    do {
      checkMaxBotTime();
      heartbeat();
      long left = deadline - clock.millis();
      JsonNode command = commands.poll(Math.max(0, Math.min(left, 250)), TimeUnit.MILLISECONDS);
      if (command != null) {
        handle(command, leaveReason);
      }
    } while (clock.millis() < deadline);
  }

  private void handle(JsonNode command, String leaveReason) {
    switch (command.path("action").asString("")) {
      case "leave" -> throw new Left(BotStatus.ENDED, leaveReason);
      case "shutdown" -> throw new Left(BotStatus.FAILED, "bot-manager shut down");
      case "reconfigure" -> {
        String newLanguage = command.path("language").asString(null);
        if (newLanguage != null && !newLanguage.isBlank()) {
          language = newLanguage;
          store.put(bot, "language", newLanguage);
        }
        String task = command.path("task").asString(null);
        if (task != null && !task.isBlank()) {
          store.put(bot, "task", task);
        }
        log.info("Bot {} reconfigured: language={}, task={}", bot.botId(), language, task);
      }
      default -> log.debug("Bot {} ignores command {}", bot.botId(), command);
    }
  }

  /** Tells the orphan reaper this bot's replica is alive (every few seconds). */
  private void heartbeat() {
    long now = clock.millis();
    // well within the reaper's patience: at most every 5 s, at least four beats per orphan-after
    long every = Math.min(5_000, Math.max(100, settings.orphanAfter().toMillis() / 4));
    if (now - lastBeat >= every) {
      store.put(bot, SimulatedReaper.HEARTBEAT, String.valueOf(now));
      lastBeat = now;
    }
  }

  private void checkMaxBotTime() {
    Long max = automaticLeave.get("max_bot_time");
    if (max != null && clock.millis() - startedAt.toEpochMilli() >= scaled(max)) {
      throw new Left(BotStatus.ENDED, "max_bot_time_exceeded");
    }
  }

  private void failIf(String stage) {
    if (stage.equals(failStage)) {
      throw new Left(BotStatus.FAILED, "simulated failure while " + stage);
    }
  }

  private void status(BotStatus status, @Nullable String reason) {
    if (shutdown) {
      throw new Left(BotStatus.FAILED, "bot-manager shut down");
    }
    store.transition(bot, status, reason);
  }

  private void finish(BotStatus status, String reason) {
    try {
      if (status == BotStatus.ENDED) {
        store.transition(bot, BotStatus.LEAVING, reason);
      }
      if (sessionStarted) {
        events.publishSegment(
            new SessionEnd(
                bot.botId(),
                String.valueOf(bot.meetingId()),
                bot.platform(),
                bot.nativeMeetingId(),
                language,
                SimulatedRuntime.NAME,
                clock.instant(),
                reason));
      }
      store.transition(bot, status, reason);
      log.info("Simulated bot {} {} ({})", bot.botId(), Bot.wire(status), reason);
    } catch (RuntimeException e) {
      log.warn("Simulated bot {} could not report its end", bot.botId(), e);
    }
  }

  private @Nullable Long leaveAfter(String key, String legacyKey) {
    Long value = automaticLeave.get(key);
    return value != null ? value : automaticLeave.get(legacyKey);
  }

  private long scaled(long meetingMillis) {
    return (long) (meetingMillis / plan.speed());
  }

  private static String speakerKey(String speaker) {
    return speaker.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  /** Unwinds the replay: the bot leaves with this status and reason. */
  private static final class Left extends RuntimeException {
    private final BotStatus status;
    private final String reason;

    Left(BotStatus status, String reason) {
      super(reason, null, false, false);
      this.status = status;
      this.reason = reason;
    }
  }
}
