package io.budai.slack.meeting;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.google.gson.Gson;
import com.slack.api.methods.response.calls.CallsAddResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.CallParticipant;
import com.slack.api.model.block.CallBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import io.budai.contracts.events.VoiceCallEnded;
import io.budai.contracts.events.VoiceCallStarted;
import io.budai.slack.account.LinkedAccount;
import io.budai.slack.api.SlackApi;
import io.budai.slack.api.SlackCallException;
import io.budai.slack.blocks.BlockText;
import io.budai.slack.blocks.Replies;
import io.budai.slack.config.SlackProperties;
import io.budai.slack.meeting.BotManagerClient.BotResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starting and stopping what records a channel's meeting: {@code /loop start <meeting URL>} asks
 * bot-manager for a bot on behalf of the linked user; {@code /loop start [name]} starts a Slack
 * call ({@code calls.add}, shown in the channel with a call block) whose join URL leads to BudAI's
 * voice client, and publishes {@code voice.call.started} together with the channel's session;
 * {@code /loop stop} ends either ({@code DELETE /bots/…}, or {@code calls.end} and {@code
 * voice.call.ended}).
 */
@Component
public class MeetingControl {

  private static final Logger log = LoggerFactory.getLogger(MeetingControl.class);
  private static final Gson GSON = GsonFactory.createSnakeCase();

  /** A URL as typed, or as Slack escapes it ({@code <https://…>} or {@code <https://…|label>}). */
  private static final Pattern URL = Pattern.compile("^<?(https?://[^\\s|>]+)(\\|[^>]*)?>?$");

  private final ChannelSessions sessions;
  private final BotManagerClient botManager;
  private final SlackApi slack;
  private final SlackProperties properties;
  private final Clock clock;

  MeetingControl(
      ChannelSessions sessions,
      BotManagerClient botManager,
      SlackApi slack,
      SlackProperties properties,
      Clock clock) {
    this.sessions = sessions;
    this.botManager = botManager;
    this.slack = slack;
    this.properties = properties;
    this.clock = clock;
  }

  /** The meeting URL in {@code target}, if it is one. */
  public static Optional<String> meetingUrl(@Nullable String target) {
    if (target == null) {
      return Optional.empty();
    }
    Matcher matcher = URL.matcher(target.strip());
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** {@code /loop start [target]} in {@code channel} for {@code account}; answers in Block Kit. */
  public List<LayoutBlock> start(LinkedAccount account, String channel, @Nullable String target) {
    if (!sessions.reserve(channel, account.userId(), account.slackUserId())) {
      return alreadyRunning(sessions.find(channel).orElse(null));
    }
    try {
      Optional<String> url = meetingUrl(target);
      return url.isPresent()
          ? startBot(account, channel, url.get())
          : startCall(account, channel, target == null || target.isBlank() ? null : target.strip());
    } catch (RuntimeException e) {
      sessions.cancel(channel);
      throw e;
    }
  }

  private List<LayoutBlock> startBot(LinkedAccount account, String channel, String url) {
    BotResult result = botManager.requestBot(account, url, channel);
    String shown = BlockText.escape(url);
    switch (result) {
      case BotResult.Started started -> {
        sessions.activate(
            new ChannelSession(
                channel,
                ChannelSession.BOT,
                account.userId(),
                account.slackUserId(),
                started.meetingId(),
                started.platform(),
                started.nativeMeetingId(),
                url,
                null,
                null,
                null,
                null,
                null,
                clock.instant()),
            List.of());
        List<LayoutBlock> reply =
            Replies.ok(
                "*"
                    + BlockText.escape(properties.botName())
                    + "* is on its way to "
                    + shown
                    + " (status: "
                    + (started.status() == null ? "requested" : started.status())
                    + ").");
        reply.add(
            Replies.note(
                "Meeting `"
                    + started.meetingId()
                    + "` · `/loop stop` ends it · the summary is posted here afterwards"));
        return reply;
      }
      case BotResult.Refused refused -> {
        sessions.cancel(channel);
        String detail = BlockText.escape(BlockText.truncate(refused.detail(), 500));
        return switch (refused.status()) {
          case 409 -> Replies.notice("A BudAI bot is already in that meeting.", detail);
          case 429, 403 ->
              Replies.notice("Your plan's limit of concurrent bots is reached.", detail);
          case 400, 422 -> Replies.notice("That meeting URL cannot be joined: " + shown, detail);
          case 401 ->
              Replies.notice(
                  "Your linked API key is no longer accepted.",
                  "Link a valid key with `/loop link <api key>`.");
          default ->
              Replies.failure("bot-manager refused the bot (" + refused.status() + ").", detail);
        };
      }
      case BotResult.Unavailable unavailable -> {
        sessions.cancel(channel);
        log.warn("bot-manager unavailable for /loop start: {}", unavailable.reason());
        return Replies.failure(
            "BudAI could not reach the bot service.", "Nothing was started; try again shortly.");
      }
      case BotResult.Stopped stopped -> throw new IllegalStateException("unexpected " + stopped);
    }
  }

  private List<LayoutBlock> startCall(
      LinkedAccount account, String channel, @Nullable String name) {
    String callId = UUID.randomUUID().toString();
    String meetingId = UUID.randomUUID().toString();
    String joinUrl = properties.joinUrl(callId);
    String title = name == null ? "BudAI call" : BlockText.truncate(name, 200);
    Instant now = clock.instant();
    CallsAddResponse added;
    try {
      added =
          slack.call(
              "calls.add",
              c ->
                  c.callsAdd(
                      r ->
                          r.externalUniqueId(callId)
                              .joinUrl(joinUrl)
                              .title(title)
                              .createdBy(account.slackUserId())
                              .dateStart((int) now.getEpochSecond())
                              .users(
                                  List.of(
                                      CallParticipant.builder()
                                          .slackId(account.slackUserId())
                                          .build()))));
    } catch (SlackCallException e) {
      sessions.cancel(channel);
      log.warn("calls.add failed: {}", e.error());
      return Replies.failure(
          "Slack did not start the call (" + BlockText.escape(e.error()) + ").",
          "The app needs the `calls:write` scope; try again shortly.");
    }
    String slackCallId = added.getCall().getId();
    String messageTs = postCallMessage(channel, slackCallId, title, joinUrl);
    sessions.activate(
        new ChannelSession(
            channel,
            ChannelSession.CALL,
            account.userId(),
            account.slackUserId(),
            meetingId,
            null,
            null,
            null,
            callId,
            slackCallId,
            joinUrl,
            messageTs,
            title,
            now),
        List.of(new VoiceCallStarted(callId, meetingId, channel, account.userId(), joinUrl)));
    List<LayoutBlock> reply =
        Replies.ok(
            "Call *"
                + BlockText.escape(title)
                + "* started — join at <"
                + joinUrl
                + "|"
                + BlockText.escape(joinUrl)
                + ">.");
    reply.add(Replies.note("BudAI transcribes it · `/loop stop` ends it"));
    return reply;
  }

  private @Nullable String postCallMessage(
      String channel, String slackCallId, String title, String joinUrl) {
    try {
      ChatPostMessageResponse posted =
          slack.call(
              "chat.postMessage",
              c ->
                  c.chatPostMessage(
                      r ->
                          r.channel(channel)
                              .text(":telephone_receiver: " + title + " — join at " + joinUrl)
                              .blocksAsString(callBlocks(slackCallId, null))));
      return posted.getTs();
    } catch (SlackCallException e) {
      log.warn("Could not show call {} in {}: {}", slackCallId, channel, e.error());
      return null;
    }
  }

  /** {@code /loop stop} in {@code channel}: ends the channel's bot or call, whoever started it. */
  public List<LayoutBlock> stop(LinkedAccount actor, String channel) {
    Optional<ChannelSession> found = sessions.find(channel);
    if (found.isEmpty() || ChannelSession.STARTING.equals(found.get().kind())) {
      return Replies.notice(
          "Nothing is running in this channel.",
          "`/loop start <meeting URL>` sends a bot; `/loop start` alone starts a Slack call.");
    }
    ChannelSession session = found.get();
    if (ChannelSession.CALL.equals(session.kind())) {
      Duration length = endCall(session, true);
      return Replies.ok(
          "Call *"
              + BlockText.escape(session.title() == null ? "BudAI call" : session.title())
              + "* ended after "
              + minutes(length)
              + ". The summary is posted here once it is ready.");
    }
    if (session.platform() != null && session.nativeMeetingId() != null) {
      BotResult result =
          botManager.stopBot(session.userId(), session.platform(), session.nativeMeetingId());
      if (result instanceof BotResult.Refused refused) {
        return Replies.failure(
            "bot-manager refused to stop the bot (" + refused.status() + ").",
            BlockText.escape(BlockText.truncate(refused.detail(), 500)));
      }
      if (result instanceof BotResult.Unavailable) {
        return Replies.failure(
            "BudAI could not reach the bot service; the bot is still in the meeting.",
            "Try `/loop stop` again shortly.");
      }
    }
    sessions.release(session, List.of());
    log.info("{} stopped the bot of {} in {}", actor.slackUserId(), session.meetingId(), channel);
    return Replies.ok(
        "The bot is leaving the meeting. The summary is posted here once it is ready.");
  }

  /**
   * voice-realtime ended a call (its last audio stream closed): end it in Slack too, unless we
   * ended it ourselves already.
   */
  public void callEnded(VoiceCallEnded event) {
    if (event.channelId() == null) {
      return;
    }
    sessions
        .find(event.channelId())
        .filter(s -> ChannelSession.CALL.equals(s.kind()) && event.callId().equals(s.callId()))
        .ifPresent(s -> endCall(s, false));
  }

  /** Lines describing the user's running bots, or null when bot-manager cannot say. */
  public @Nullable List<String> runningBots(LinkedAccount account) {
    List<BotManagerClient.RunningBot> bots = botManager.running(account);
    if (bots == null) {
      return null;
    }
    return bots.stream()
        .map(b -> BlockText.escape(b.platform() + " " + b.nativeMeetingId() + " — " + b.status()))
        .toList();
  }

  /** A meeting was completed: the channel's bot session for it is over. */
  public void meetingCompleted(String channel, String meetingId) {
    sessions.releaseIf(channel, "meeting_id", meetingId, List.of(), null);
  }

  private Duration endCall(ChannelSession session, boolean announce) {
    Instant now = clock.instant();
    Duration length = Duration.between(session.startedAt(), now);
    if (session.slackCallId() != null) {
      try {
        slack.call(
            "calls.end",
            c -> c.callsEnd(r -> r.id(session.slackCallId()).duration((int) length.toSeconds())));
      } catch (SlackCallException e) {
        log.info("calls.end for {}: {}", session.slackCallId(), e.error());
      }
    }
    if (session.messageTs() != null && session.slackCallId() != null) {
      String ended = "Call ended after " + minutes(length);
      try {
        slack.call(
            "chat.update",
            c ->
                c.chatUpdate(
                    r ->
                        r.channel(session.channel())
                            .ts(session.messageTs())
                            .text(":telephone_receiver: " + ended)
                            .blocksAsString(callBlocks(session.slackCallId(), ended))));
      } catch (SlackCallException e) {
        log.info("chat.update of call message {}: {}", session.messageTs(), e.error());
      }
    }
    List<VoiceCallEnded> events =
        announce && session.callId() != null && session.meetingId() != null
            ? List.of(
                new VoiceCallEnded(
                    session.callId(),
                    session.meetingId(),
                    session.channel(),
                    session.userId(),
                    now))
            : List.of();
    sessions.release(session, events);
    return length;
  }

  private static String callBlocks(String slackCallId, @Nullable String note) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(CallBlock.builder().callId(slackCallId).build());
    if (note != null) {
      blocks.add(context(c -> c.elements(List.of(markdownText(note)))));
    }
    return GSON.toJson(blocks);
  }

  private List<LayoutBlock> alreadyRunning(@Nullable ChannelSession session) {
    if (session == null || ChannelSession.STARTING.equals(session.kind())) {
      return Replies.notice(
          "Something is being started in this channel right now.", "Try again in a moment.");
    }
    String what =
        ChannelSession.CALL.equals(session.kind())
            ? "the call *"
                + BlockText.escape(session.title() == null ? "BudAI call" : session.title())
                + "*"
            : "a bot in " + BlockText.escape(String.valueOf(session.meetingUrl()));
    return Replies.notice(
        "This channel already has "
            + what
            + " running (started by <@"
            + session.slackUserId()
            + ">).",
        "`/loop stop` ends it first.");
  }

  static String minutes(Duration length) {
    long minutes = Math.max(1, Math.round(length.toSeconds() / 60.0));
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }
}
