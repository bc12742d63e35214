package io.budai.botmanager.runtime;

import io.budai.botmanager.bots.Bot;
import io.budai.botmanager.bots.BotRequest;
import org.jspecify.annotations.Nullable;

/**
 * Something that can put a bot into a meeting. A runtime reports what happens through {@link
 * io.budai.botmanager.bots.BotLifecycle} (statuses) and the segments stream (transcripts).
 */
public interface BotRuntime {

  /** The runtime's name: {@code simulated}, {@code recall}. */
  String name();

  /**
   * Refuses a request this runtime cannot serve, before anything is created.
   *
   * @throws io.budai.botmanager.bots.InvalidBotRequestException with the offending field
   */
  default void validate(BotRequest request) {}

  /**
   * Starts the bot; returns once it is under way (a failure to start is reported as {@code failed},
   * or thrown when the caller should answer with an error).
   */
  void start(Bot bot, BotRequest request);

  /** Asks the bot to leave the meeting. */
  void leave(Bot bot);

  /** Changes the bot's language or task while it runs. */
  void reconfigure(Bot bot, @Nullable String language, @Nullable String task);
}
