package io.budai.botmanager.bots;

import io.budai.contracts.events.BotStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One bot as bot-manager keeps it in {@code budai:bot:{bot_id}}. The bot id is also its
 * transcription session uid and its command channel's name.
 *
 * @param botId the bot (and session) id
 * @param meetingId the collector's meeting id (0 until the meeting exists)
 * @param userId the owner
 * @param platform platform
 * @param nativeMeetingId the platform's meeting id
 * @param meetingUrl the URL it joins
 * @param runtime {@code simulated} or {@code recall}
 * @param status its lifecycle state
 * @param externalId the runtime's own id (Recall's bot id)
 * @param language forced language
 * @param task transcribe or translate
 * @param botName display name
 * @param reason why it reached its status
 * @param createdAt when it was requested
 * @param updatedAt its last change
 */
public record Bot(
    String botId,
    long meetingId,
    String userId,
    String platform,
    String nativeMeetingId,
    String meetingUrl,
    String runtime,
    BotStatus status,
    @Nullable String externalId,
    @Nullable String language,
    @Nullable String task,
    @Nullable String botName,
    @Nullable String reason,
    Instant createdAt,
    Instant updatedAt) {

  static Bot fromHash(Map<String, String> hash) {
    return new Bot(
        hash.get("bot_id"),
        Long.parseLong(hash.getOrDefault("meeting_id", "0")),
        hash.get("user_id"),
        hash.get("platform"),
        hash.get("native_meeting_id"),
        hash.getOrDefault("meeting_url", ""),
        hash.getOrDefault("runtime", "simulated"),
        statusOf(hash.getOrDefault("status", "requested")),
        blank(hash.get("external_id")),
        blank(hash.get("language")),
        blank(hash.get("task")),
        blank(hash.get("bot_name")),
        blank(hash.get("reason")),
        Instant.parse(hash.get("created_at")),
        Instant.parse(hash.getOrDefault("updated_at", hash.get("created_at"))));
  }

  /** The wire value of a status ({@code awaiting_admission}). */
  public static String wire(BotStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  static BotStatus statusOf(String wire) {
    return BotStatus.valueOf(wire.toUpperCase(Locale.ROOT));
  }

  private static @Nullable String blank(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
