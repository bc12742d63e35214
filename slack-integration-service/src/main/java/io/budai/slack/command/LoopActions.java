package io.budai.slack.command;

import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.model.block.LayoutBlock;
import io.budai.contracts.events.SlackCommand;
import io.budai.platform.bus.EventPublisher;
import io.budai.platform.http.ServiceClient;
import io.budai.slack.account.AccountLinker;
import io.budai.slack.account.AccountLinks;
import io.budai.slack.account.LinkedAccount;
import io.budai.slack.api.SlackApi;
import io.budai.slack.api.SlackCallException;
import io.budai.slack.blocks.BlockKitLimits;
import io.budai.slack.blocks.BlockText;
import io.budai.slack.blocks.Replies;
import io.budai.slack.blocks.SummaryBlocks;
import io.budai.slack.home.SummaryArchive;
import io.budai.slack.meeting.ChannelSession;
import io.budai.slack.meeting.ChannelSessions;
import io.budai.slack.meeting.MeetingControl;
import io.budai.slack.posting.MessagePoster;
import io.budai.slack.posting.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * What each {@code /loop} subcommand (and each App Home button) does, answering in Block Kit.
 * Everything but {@code help} and {@code link} acts for the Slack user's linked BudAI account.
 */
@Component
public class LoopActions {

  private static final Logger log = LoggerFactory.getLogger(LoopActions.class);

  private final AccountLinks links;
  private final AccountLinker linker;
  private final MeetingControl meetings;
  private final ChannelSessions sessions;
  private final EventPublisher events;
  private final SummaryArchive archive;
  private final SummaryBlocks summaries;
  private final MessagePoster poster;
  private final SlackApi slack;
  private final CommunicatorClient communicator;
  private final WorkflowsClient workflows;

  LoopActions(
      AccountLinks links,
      AccountLinker linker,
      MeetingControl meetings,
      ChannelSessions sessions,
      EventPublisher events,
      SummaryArchive archive,
      SummaryBlocks summaries,
      MessagePoster poster,
      SlackApi slack,
      CommunicatorClient communicator,
      WorkflowsClient workflows) {
    this.links = links;
    this.linker = linker;
    this.meetings = meetings;
    this.sessions = sessions;
    this.events = events;
    this.archive = archive;
    this.summaries = summaries;
    this.poster = poster;
    this.slack = slack;
    this.communicator = communicator;
    this.workflows = workflows;
  }

  /** One {@code /loop} invocation. */
  record Invocation(
      String teamId,
      String channelId,
      String slackUserId,
      String command,
      String text,
      @Nullable String responseUrl) {}

  /**
   * The answer that needs no downstream call (help, an unknown subcommand, a missing argument), or
   * null when the command has to run in the background.
   */
  @Nullable List<LayoutBlock> immediate(LoopCommand command) {
    return switch (command) {
      case LoopCommand.Help h -> help(null);
      case LoopCommand.Unknown u ->
          help("`" + BlockText.escape(u.word()) + "` is not a /loop command.");
      case LoopCommand.Link l when l.apiKey().isBlank() ->
          Replies.notice("Give the API key to link: `/loop link <api key>`.", helpHint());
      case LoopCommand.Search s when s.words().isBlank() ->
          Replies.notice("What should I search for? `/loop search <words>`", helpHint());
      case LoopCommand.Ask a when a.question().isBlank() ->
          Replies.notice("What is your question? `/loop ask <question>`", helpHint());
      default -> null;
    };
  }

  /** The acknowledgement shown while {@code command} runs. */
  List<LayoutBlock> working(LoopCommand command) {
    return Replies.working(
        switch (command) {
          case LoopCommand.Start s when MeetingControl.meetingUrl(s.target()).isPresent() ->
              "Sending a bot to the meeting…";
          case LoopCommand.Start s -> "Starting a Slack call…";
          case LoopCommand.Stop s -> "Stopping…";
          case LoopCommand.Status s -> "Looking up what is running…";
          case LoopCommand.Summary s -> "Requesting the summary…";
          case LoopCommand.Search s -> "Searching your meetings…";
          case LoopCommand.Ask a -> "Looking through your meetings…";
          case LoopCommand.Link l -> "Checking your API key…";
          default -> "Working on it…";
        });
  }

  /** Runs {@code command}; the result replaces the acknowledgement. */
  List<LayoutBlock> run(LoopCommand command, Invocation invocation) {
    Optional<LinkedAccount> account = links.find(invocation.teamId(), invocation.slackUserId());
    if (!(command instanceof LoopCommand.Summary)) {
      publish(invocation, LoopCommand.publishable(command, invocation.text()), account);
    }
    if (command instanceof LoopCommand.Link link) {
      return link(invocation, link.apiKey());
    }
    if (account.isEmpty()) {
      return notLinked();
    }
    LinkedAccount user = account.get();
    return switch (command) {
      case LoopCommand.Start s -> meetings.start(user, invocation.channelId(), s.target());
      case LoopCommand.Stop s -> meetings.stop(user, invocation.channelId());
      case LoopCommand.Status s -> status(user, invocation.channelId());
      case LoopCommand.Summary s -> summary(invocation, user, s.meeting());
      case LoopCommand.Search s -> converse(invocation, user, "search " + s.words(), s.words());
      case LoopCommand.Ask a -> converse(invocation, user, a.question(), a.question());
      default -> help(null);
    };
  }

  private List<LayoutBlock> link(Invocation invocation, String apiKey) {
    return switch (linker.link(invocation.teamId(), invocation.slackUserId(), apiKey)) {
      case AccountLinker.Outcome.Linked linked -> {
        List<LayoutBlock> reply =
            Replies.ok(
                "Linked "
                    + (linked.displayName() == null
                        ? "your Slack account"
                        : "*" + BlockText.escape(linked.displayName()) + "*")
                    + " to BudAI user `"
                    + BlockText.escape(linked.account().userId())
                    + "`"
                    + (linked.account().scopes().isEmpty()
                        ? "."
                        : " (scopes: " + BlockText.escape(linked.account().scopesHeader()) + ")."));
        reply.add(
            Replies.note(
                "BudAI keeps only a fingerprint of the key, never the key. Linking again replaces"
                    + " this link."));
        yield reply;
      }
      case AccountLinker.Outcome.InvalidKey invalid ->
          Replies.notice(
              "That API key is not valid (or has expired).",
              "Create a key in the BudAI console or ask your admin, then `/loop link <api key>`.");
      case AccountLinker.Outcome.Unavailable unavailable ->
          Replies.failure(
              "BudAI could not check the key right now.", "Nothing was linked; try again shortly.");
    };
  }

  private List<LayoutBlock> status(LinkedAccount account, String channel) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText("BudAI status"))));
    Optional<ChannelSession> session = sessions.find(channel);
    blocks.add(
        Replies.text(
            "*In this channel*\n"
                + session.map(LoopActions::describe).orElse("Nothing is running here.")));
    List<String> bots = meetings.runningBots(account);
    blocks.add(
        Replies.text(
            "*Your bots*\n"
                + (bots == null
                    ? "_bot-manager is unavailable_"
                    : bots.isEmpty()
                        ? "None running."
                        : String.join("\n", bots.stream().map(b -> "• " + b).toList()))));
    List<WorkflowsClient.Workflow> recent = workflows.recent(account, 5);
    StringBuilder text = new StringBuilder("*Your latest workflows*\n");
    if (recent == null) {
      text.append("_the orchestrator is unavailable_");
    } else if (recent.isEmpty()) {
      text.append("None yet.");
    } else {
      for (WorkflowsClient.Workflow wf : recent) {
        text.append("• ")
            .append(BlockText.escape(wf.kind()))
            .append(" for meeting `")
            .append(BlockText.escape(wf.meetingId()))
            .append("`: ")
            .append(BlockText.escape(wf.status()))
            .append(" (")
            .append(BlockText.escape(wf.step()))
            .append(")\n");
      }
    }
    blocks.add(Replies.text(text.toString().strip()));
    return blocks;
  }

  private static String describe(ChannelSession session) {
    String since = "<!date^" + session.startedAt().getEpochSecond() + "^since {time}|recently>";
    if (ChannelSession.CALL.equals(session.kind())) {
      return ":telephone_receiver: Call *"
          + BlockText.escape(session.title() == null ? "BudAI call" : session.title())
          + "* started by <@"
          + session.slackUserId()
          + "> "
          + since
          + (session.joinUrl() == null ? "" : " — <" + session.joinUrl() + "|join>");
    }
    if (ChannelSession.BOT.equals(session.kind())) {
      return ":robot_face: A bot in "
          + BlockText.escape(String.valueOf(session.meetingUrl()))
          + " (meeting `"
          + BlockText.escape(String.valueOf(session.meetingId()))
          + "`), sent by <@"
          + session.slackUserId()
          + "> "
          + since;
    }
    return "Something is being started.";
  }

  private List<LayoutBlock> summary(Invocation invocation, LinkedAccount account, String asked) {
    String meetingId = asked.isBlank() ? null : asked.strip().split("\\s+")[0];
    if (meetingId == null) {
      meetingId =
          sessions
              .find(invocation.channelId())
              .map(ChannelSession::meetingId)
              .orElseGet(
                  () ->
                      archive.recent(account.userId(), 1).stream()
                          .findFirst()
                          .map(a -> a.summary().meetingId())
                          .orElse(null));
    }
    if (meetingId == null) {
      return Replies.notice(
          "Which meeting? None was found for this channel or for you.",
          "`/loop summary <meeting id>` (the id is shown when a meeting starts).");
    }
    return requestSummary(
        invocation.teamId(),
        invocation.channelId(),
        invocation.slackUserId(),
        invocation.command(),
        meetingId,
        invocation.responseUrl(),
        account);
  }

  private List<LayoutBlock> requestSummary(
      String teamId,
      String channel,
      String slackUserId,
      String command,
      String meetingId,
      @Nullable String responseUrl,
      LinkedAccount account) {
    events.publish(
        new SlackCommand(
            teamId, channel, slackUserId, command, "summary " + meetingId, responseUrl),
        account.userId());
    String title = archive.find(meetingId).map(SummaryArchive.Archived::title).orElse(null);
    return Replies.ok(
        "A fresh summary of "
            + (title == null
                ? "meeting `" + BlockText.escape(meetingId) + "`"
                : "*" + BlockText.escape(title) + "*")
            + " was requested; it will be posted in <#"
            + channel
            + "> when it is ready.");
  }

  private List<LayoutBlock> converse(
      Invocation invocation, LinkedAccount account, String text, String shown) {
    CommunicatorClient.Reply reply;
    try {
      reply =
          communicator.converse(
              account,
              "slack:"
                  + invocation.teamId()
                  + ":"
                  + invocation.channelId()
                  + ":"
                  + invocation.slackUserId(),
              text);
    } catch (RestClientException | ServiceClient.DownstreamUnavailableException e) {
      log.warn("communicator-agent failed: {}", e.toString());
      return Replies.failure(
          "BudAI could not answer right now.", "The assistant is unavailable; try again shortly.");
    }
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(Replies.note("> " + BlockText.escape(BlockText.truncate(shown, 300))));
    String answer =
        reply.text().isBlank() ? "_No answer found in your meetings._" : safe(reply.text());
    for (String piece : BlockText.chunks(answer, BlockKitLimits.SECTION_TEXT)) {
      if (blocks.size() >= BlockKitLimits.MESSAGE_BLOCKS - 7) {
        break;
      }
      blocks.add(Replies.text(piece));
    }
    if (!reply.citations().isEmpty()) {
      blocks.add(divider());
      reply.citations().stream().limit(5).forEach(c -> blocks.add(Replies.note(citation(c))));
    }
    return blocks;
  }

  private static String citation(CommunicatorClient.Citation c) {
    StringBuilder line =
        new StringBuilder("_“")
            .append(BlockText.escape(BlockText.truncate(String.valueOf(c.text()), 300)))
            .append("”_ — ")
            .append(BlockText.escape(c.speaker() == null ? "someone" : c.speaker()));
    if (c.meetingId() != null) {
      line.append(", meeting `").append(BlockText.escape(c.meetingId())).append('`');
    }
    if (c.start() != null) {
      long s = Math.round(c.start());
      line.append(String.format(" at %d:%02d", s / 60, s % 60));
    }
    return line.toString();
  }

  /** The communicator writes mrkdwn; links stay, channel-wide pings do not. */
  static String safe(String mrkdwn) {
    return mrkdwn.replaceAll("<!(channel|here|everyone)[^>]*>", "@$1");
  }

  /** App Home / message button: ask the orchestrator to summarize {@code meetingId} again. */
  public List<LayoutBlock> rerunSummary(
      String teamId,
      String slackUserId,
      String meetingId,
      @Nullable String channel,
      @Nullable String responseUrl) {
    Optional<LinkedAccount> account = links.find(teamId, slackUserId);
    if (account.isEmpty()) {
      return notLinked();
    }
    String target = channel;
    if (target == null) {
      target = archive.find(meetingId).map(SummaryArchive.Archived::channel).orElse(null);
    }
    if (target == null) {
      target = directMessageChannel(slackUserId);
    }
    if (target == null) {
      return Replies.failure("Slack did not open a conversation to post the summary in.", "");
    }
    return requestSummary(
        teamId, target, slackUserId, "/loop", meetingId, responseUrl, account.get());
  }

  /** "View summary" / "Send me a copy": posts the kept summary to the user's DM. */
  public List<LayoutBlock> sendCopy(
      String teamId, String slackUserId, String meetingId, String actionTs) {
    Optional<SummaryArchive.Archived> archived = archive.find(meetingId);
    if (archived.isEmpty()) {
      return Replies.notice(
          "That summary is no longer available here.",
          "`/loop summary " + BlockText.escape(meetingId) + "` asks for a fresh one.");
    }
    String dm = directMessageChannel(slackUserId);
    if (dm == null) {
      return Replies.failure("Slack did not open a conversation with you.", "");
    }
    poster.post(
        new OutgoingMessage(
            "copy:" + meetingId + ":" + slackUserId + ":" + actionTs,
            dm,
            null,
            summaries.messages(archived.get().title(), archived.get().summary())));
    return Replies.ok("Sent you the summary in a direct message.");
  }

  /** App Home "Stop" button for the session of {@code channel}. */
  public List<LayoutBlock> stop(String teamId, String slackUserId, String channel) {
    Optional<LinkedAccount> account = links.find(teamId, slackUserId);
    if (account.isEmpty()) {
      return notLinked();
    }
    return meetings.stop(account.get(), channel);
  }

  private @Nullable String directMessageChannel(String slackUserId) {
    try {
      ConversationsOpenResponse opened =
          slack.call(
              "conversations.open", c -> c.conversationsOpen(r -> r.users(List.of(slackUserId))));
      return opened.getChannel() == null ? null : opened.getChannel().getId();
    } catch (SlackCallException e) {
      log.warn("conversations.open for {} failed: {}", slackUserId, e.error());
      return null;
    }
  }

  private void publish(Invocation invocation, String text, Optional<LinkedAccount> account) {
    events.publish(
        new SlackCommand(
            invocation.teamId(),
            invocation.channelId(),
            invocation.slackUserId(),
            invocation.command(),
            text,
            invocation.responseUrl()),
        account.map(LinkedAccount::userId).orElse(null));
  }

  private static List<LayoutBlock> notLinked() {
    return Replies.notice(
        "Link your BudAI account first.",
        "`/loop link <api key>` — create a key in the BudAI console (or ask your admin).");
  }

  private static String helpHint() {
    return "`/loop help` lists every command.";
  }

  static List<LayoutBlock> help(@Nullable String problem) {
    List<LayoutBlock> blocks = new ArrayList<>();
    if (problem != null) {
      blocks.add(Replies.text(":information_source: " + problem));
    }
    blocks.add(header(h -> h.text(plainText("BudAI /loop commands"))));
    blocks.add(
        Replies.text(
            String.join(
                "\n",
                "`/loop start <meeting URL>` — send the BudAI bot to a Meet, Zoom or Teams meeting",
                "`/loop start [name]` — start a Slack call that BudAI transcribes",
                "`/loop stop` — end the meeting or call running in this channel",
                "`/loop status` — what runs here, your bots and your latest workflows",
                "`/loop summary [meeting id]` — post a fresh summary (latest meeting by default)",
                "`/loop search <words>` — search your meetings",
                "`/loop ask <question>` — ask about your meetings",
                "`/loop link <api key>` — link your Slack user to your BudAI account",
                "`/loop help` — this list")));
    blocks.add(
        Replies.note(
            "Replies are only visible to you. Mention @BudAI or DM it to chat about your meetings."));
    return blocks;
  }
}
