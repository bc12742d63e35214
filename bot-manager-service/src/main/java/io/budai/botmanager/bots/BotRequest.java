package io.budai.botmanager.bots;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /bots}: Vexa v0.10's {@code MeetingCreate} (fields Vexa has and BudAI does
 * not use are accepted and ignored), plus BudAI's {@code slack_channel_id} (where the summary goes)
 * and {@code replay} (what the simulated bot plays).
 *
 * @param platform {@code google_meet}, {@code teams}, {@code zoom}, {@code jitsi}, {@code
 *     browser_session}
 * @param nativeMeetingId the platform's meeting id
 * @param meetingUrl a meeting link, parsed into platform and id when those are absent
 * @param botName the bot's display name
 * @param language forces one transcription language
 * @param task {@code transcribe} or {@code translate}
 * @param passcode Teams/Zoom passcode
 * @param automaticLeave timeouts in milliseconds: {@code max_bot_time}, {@code
 *     max_wait_for_admission}, {@code max_time_left_alone}, {@code no_one_joined_timeout} (and the
 *     deprecated {@code waiting_room_timeout}, {@code everyone_left_timeout})
 * @param slackChannelId the Slack channel the meeting's results go to
 * @param replay what a simulated bot replays
 */
public record BotRequest(
    @Nullable String platform,
    @Nullable String nativeMeetingId,
    @Nullable @Size(max = 2048) String meetingUrl,
    @Nullable @Size(max = 100) String botName,
    @Nullable
        @Pattern(
            regexp = "[a-z]{2,3}(-[A-Za-z]{2,4})?",
            message = "must be a language code such as en or pt-BR")
        String language,
    @Nullable @Pattern(regexp = "transcribe|translate", message = "must be transcribe or translate")
        String task,
    @Nullable @Size(max = 64) String passcode,
    @Nullable Map<String, Object> automaticLeave,
    @Nullable @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be a Slack channel id")
        String slackChannelId,
    @Nullable @Valid Replay replay) {

  /** Keys Vexa's {@code automatic_leave} knows. */
  static final List<String> AUTOMATIC_LEAVE_KEYS =
      List.of(
          "max_bot_time",
          "max_wait_for_admission",
          "max_time_left_alone",
          "no_one_joined_timeout",
          "waiting_room_timeout",
          "everyone_left_timeout");

  /**
   * What the simulated bot plays: inline segments, or a bundled sample meeting.
   *
   * @param sample name of a bundled sample (ES2002a, IS1000a, …)
   * @param segments the turns to play, in order
   * @param speed how many times faster than real time
   * @param failStage make the bot fail on reaching {@code joining}, {@code awaiting_admission} or
   *     {@code active}
   * @param admissionDelayMs time in the waiting room
   */
  public record Replay(
      @Nullable @Size(max = 64) String sample,
      @Nullable @Size(max = 5000) List<@Valid ReplaySegment> segments,
      @Nullable @DecimalMin(value = "0.1") @DecimalMax(value = "10000") Double speed,
      @Nullable
          @Pattern(
              regexp = "joining|awaiting_admission|active",
              message = "must be joining, awaiting_admission or active")
          String failStage,
      @Nullable @PositiveOrZero @Max(3_600_000) Long admissionDelayMs) {}

  /**
   * One turn of a replay.
   *
   * @param speaker who speaks
   * @param text what they say
   * @param start start (s), else right after the previous turn
   * @param end end (s), else from the length of the text
   */
  public record ReplaySegment(
      @Nullable @Size(max = 255) String speaker,
      @NotBlank @Size(max = 20_000) String text,
      @Nullable @Min(0) Double start,
      @Nullable @Min(0) Double end) {}
}
