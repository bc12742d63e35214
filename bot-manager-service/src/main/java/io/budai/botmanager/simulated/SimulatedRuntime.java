package io.budai.botmanager.simulated;

import io.budai.botmanager.BotManagerProperties;
import io.budai.botmanager.bots.Bot;
import io.budai.botmanager.bots.BotRequest;
import io.budai.botmanager.bots.BotStore;
import io.budai.botmanager.bots.InvalidBotRequestException;
import io.budai.botmanager.runtime.BotCommands;
import io.budai.botmanager.runtime.BotRuntime;
import io.budai.contracts.RedisKeys;
import io.budai.platform.bus.EventPublisher;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code simulated} runtime: each bot is a virtual thread in this process ({@link
 * SimulatedBot}) that listens on its command channel. Commands are published, never called
 * directly, so a {@code DELETE /bots/...} served by another replica reaches the bot too.
 */
@Component
class SimulatedRuntime implements BotRuntime, DisposableBean {

  static final String NAME = "simulated";

  private final SampleMeetings samples;
  private final BotStore store;
  private final EventPublisher events;
  private final BotCommands commands;
  private final RedisMessageListenerContainer listeners;
  private final JsonMapper json;
  private final Clock clock;
  private final BotManagerProperties.Simulated settings;
  private final Map<String, SimulatedBot> running = new ConcurrentHashMap<>();

  SimulatedRuntime(
      SampleMeetings samples,
      BotStore store,
      EventPublisher events,
      BotCommands commands,
      RedisMessageListenerContainer listeners,
      JsonMapper json,
      Clock clock,
      BotManagerProperties properties) {
    this.samples = samples;
    this.store = store;
    this.events = events;
    this.commands = commands;
    this.listeners = listeners;
    this.json = json;
    this.clock = clock;
    this.settings = properties.simulated();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void validate(BotRequest request) {
    plan(request);
  }

  @Override
  public void start(Bot bot, BotRequest request) {
    SimulatedBot runner =
        new SimulatedBot(
            bot, plan(request), request, store, events, json, clock, settings, () -> finished(bot));
    running.put(bot.botId(), runner);
    listeners.addMessageListener(runner, new ChannelTopic(RedisKeys.botCommands(bot.botId())));
    Thread.ofVirtual().name("simulated-bot-" + bot.botId()).start(runner);
  }

  @Override
  public void leave(Bot bot) {
    commands.leave(bot.botId());
  }

  @Override
  public void reconfigure(Bot bot, @Nullable String language, @Nullable String task) {
    commands.reconfigure(bot.botId(), language, task);
  }

  /** Bots running in this process. */
  int runningCount() {
    return running.size();
  }

  private void finished(Bot bot) {
    SimulatedBot runner = running.remove(bot.botId());
    if (runner != null) {
      listeners.removeMessageListener(runner);
    }
  }

  private ReplayPlan plan(BotRequest request) {
    BotRequest.Replay replay = request.replay();
    double speed = replay != null && replay.speed() != null ? replay.speed() : settings.speed();
    if (replay != null && replay.segments() != null && !replay.segments().isEmpty()) {
      return ReplayPlan.ofInline(replay.segments(), speed);
    }
    String sample =
        replay != null && replay.sample() != null ? replay.sample() : settings.defaultSample();
    var turns = samples.turns(sample);
    if (turns == null) {
      throw new InvalidBotRequestException(
          "replay.sample",
          "Unknown sample meeting '"
              + sample.replaceAll("\\p{Cntrl}", "")
              + "'; bundled: "
              + String.join(", ", samples.names())
              + ".");
    }
    return ReplayPlan.of(turns, speed);
  }

  @Override
  public void destroy() {
    running.values().forEach(SimulatedBot::shutdown);
  }
}
