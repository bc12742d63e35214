package io.budai.slack.meeting;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What {@code /loop start} began in a channel: a meeting bot or a Slack call.
 *
 * @param channel Slack channel
 * @param kind {@code bot}, {@code call}, or {@code starting} while it is being set up
 * @param userId BudAI user it runs for
 * @param slackUserId Slack user who started it
 * @param meetingId BudAI meeting id, when known
 * @param platform meeting platform of a bot ({@code google_meet}, {@code zoom}, {@code teams})
 * @param nativeMeetingId the platform's meeting id, for a bot
 * @param meetingUrl the meeting URL, for a bot
 * @param callId our id of a Slack call (its {@code external_unique_id})
 * @param slackCallId Slack's id of the call ({@code R…})
 * @param joinUrl where a call is joined
 * @param messageTs the channel message that shows the call
 * @param title what the user called it
 * @param startedAt when it started
 */
public record ChannelSession(
    String channel,
    String kind,
    String userId,
    String slackUserId,
    @Nullable String meetingId,
    @Nullable String platform,
    @Nullable String nativeMeetingId,
    @Nullable String meetingUrl,
    @Nullable String callId,
    @Nullable String slackCallId,
    @Nullable String joinUrl,
    @Nullable String messageTs,
    @Nullable String title,
    Instant startedAt) {

  public static final String BOT = "bot";
  public static final String CALL = "call";
  public static final String STARTING = "starting";
}
