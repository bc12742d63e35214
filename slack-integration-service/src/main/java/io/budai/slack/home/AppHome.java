package io.budai.slack.home;

import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.budai.slack.account.AccountLinks;
import io.budai.slack.account.LinkedAccount;
import io.budai.slack.api.SlackApi;
import io.budai.slack.blocks.BlockKitLimits;
import io.budai.slack.blocks.BlockText;
import io.budai.slack.blocks.Replies;
import io.budai.slack.blocks.SummaryBlocks;
import io.budai.slack.meeting.ChannelSession;
import io.budai.slack.meeting.ChannelSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The app's Home tab, published with {@code views.publish} when a user opens it and when one of
 * their follow-ups has been delivered: what runs for them now (with a stop button), their recent
 * meetings with summaries and open action items (view / re-run buttons), or how to link an account.
 * At most 100 blocks, as Slack allows.
 */
@Component
public class AppHome {

  /** {@code action_id} of the stop button; its value is the channel. */
  public static final String STOP_ACTION = "stop_meeting";

  static final int MEETINGS = 10;

  private final SlackApi slack;
  private final AccountLinks links;
  private final SummaryArchive archive;
  private final ChannelSessions sessions;
  private final SummaryBlocks summaries;

  AppHome(
      SlackApi slack,
      AccountLinks links,
      SummaryArchive archive,
      ChannelSessions sessions,
      SummaryBlocks summaries) {
    this.slack = slack;
    this.links = links;
    this.archive = archive;
    this.sessions = sessions;
    this.summaries = summaries;
  }

  /** Publishes the Home tab of {@code slackUserId}. */
  public void publish(String teamId, String slackUserId) {
    View view = View.builder().type("home").blocks(blocks(teamId, slackUserId)).build();
    slack.call("views.publish", c -> c.viewsPublish(r -> r.userId(slackUserId).view(view)));
  }

  List<LayoutBlock> blocks(String teamId, String slackUserId) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText("BudAI — your meetings"))));
    Optional<LinkedAccount> account = links.find(teamId, slackUserId);
    if (account.isEmpty()) {
      blocks.add(
          Replies.text(
              "Link your BudAI account to see your meetings, summaries and action items here:\n"
                  + "`/loop link <api key>` in any channel."));
      blocks.add(Replies.note("`/loop help` lists every command."));
      return blocks;
    }
    LinkedAccount user = account.get();
    blocks.add(Replies.note("Linked to BudAI user `" + BlockText.escape(user.userId()) + "`"));

    List<ChannelSession> running = sessions.ofUser(user.userId());
    if (!running.isEmpty()) {
      blocks.add(Replies.text("*Running now*"));
      for (ChannelSession session : running.stream().limit(10).toList()) {
        String what =
            ChannelSession.CALL.equals(session.kind())
                ? ":telephone_receiver: Call *"
                    + BlockText.escape(session.title() == null ? "BudAI call" : session.title())
                    + "*"
                : ":robot_face: Bot in " + BlockText.escape(String.valueOf(session.meetingUrl()));
        blocks.add(
            section(
                s ->
                    s.text(markdownText(what + " in <#" + session.channel() + ">"))
                        .accessory(
                            button(
                                b ->
                                    b.actionId(STOP_ACTION)
                                        .style("danger")
                                        .text(plainText("Stop"))
                                        .value(session.channel())))));
      }
      blocks.add(divider());
    }

    blocks.add(Replies.text("*Recent meetings*"));
    List<SummaryArchive.Archived> recent = archive.recent(user.userId(), MEETINGS);
    if (recent.isEmpty()) {
      blocks.add(
          Replies.note(
              "No summaries yet. `/loop start <meeting URL>` sends a bot; the summary appears here"
                  + " afterwards."));
    }
    for (SummaryArchive.Archived meeting : recent) {
      List<LayoutBlock> entry = summaries.homeEntry(meeting.title(), meeting.summary());
      if (blocks.size() + entry.size() + 2 > BlockKitLimits.VIEW_BLOCKS) {
        break;
      }
      blocks.addAll(entry);
      blocks.add(divider());
    }
    blocks.add(Replies.note("`/loop help` lists every command."));
    return blocks;
  }
}
