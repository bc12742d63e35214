package io.budai.botmanager.bots;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Vexa's {@code BotStatusResponse} (v0.12 shape): the running bots, their number twice ({@code
 * running}, {@code count}).
 *
 * @param runningBots the bots
 * @param running how many run
 * @param count how many are listed
 */
public record BotStatusResponse(List<BotStatusView> runningBots, int running, int count) {

  /**
   * Vexa's {@code BotStatus}.
   *
   * @param containerId the bot id
   * @param containerName a readable name
   * @param platform platform
   * @param nativeMeetingId the platform's meeting id
   * @param status the bot's lifecycle state
   * @param normalizedStatus Vexa's coarse state (Requested, Starting, Up, Stopping, Exited, Failed)
   * @param createdAt when it was requested
   * @param meetingId the meeting it records
   * @param labels runtime and owner
   */
  public record BotStatusView(
      String containerId,
      String containerName,
      String platform,
      String nativeMeetingId,
      String status,
      String normalizedStatus,
      Instant createdAt,
      long meetingId,
      Map<String, String> labels,
      @Nullable String reason) {

    static BotStatusView of(Bot bot) {
      return new BotStatusView(
          bot.botId(),
          "budai-bot-" + bot.botId().substring(0, 8),
          bot.platform(),
          bot.nativeMeetingId(),
          Bot.wire(bot.status()),
          switch (bot.status()) {
            case REQUESTED -> "Requested";
            case JOINING, AWAITING_ADMISSION -> "Starting";
            case IN_CALL, RECORDING -> "Up";
            case LEAVING -> "Stopping";
            case ENDED -> "Exited";
            case FAILED -> "Failed";
          },
          bot.createdAt(),
          bot.meetingId(),
          Map.of("runtime", bot.runtime(), "budai.user_id", bot.userId()),
          bot.reason());
    }
  }
}
