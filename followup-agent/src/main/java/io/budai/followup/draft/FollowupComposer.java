package io.budai.followup.draft;

import io.budai.contracts.dto.ActionItem;
import io.budai.contracts.dto.Attendee;
import io.budai.contracts.dto.FollowupDraft;
import io.budai.contracts.dto.FollowupRequest;
import io.budai.contracts.dto.MeetingSummary;
import io.budai.followup.FollowupProperties;
import io.budai.followup.reminder.ReminderStore;
import io.budai.llm.CallContext;
import io.budai.llm.EngineChoice;
import io.budai.llm.Llm;
import io.budai.llm.LlmResult;
import io.budai.llm.followup.FollowupNote;
import io.budai.llm.followup.FollowupNoteInput;
import io.budai.llm.followup.FollowupTasks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * Turns a meeting summary into a follow-up: an e-mail (plain text and HTML), a Slack message
 * (fallback text and Block Kit blocks) and one reminder per action item with an owner and a due
 * date. The LLM layer writes the subject and the opening; the recap is rendered from the summary so
 * owners and dates are exactly the summary's.
 */
@Service
public class FollowupComposer {

  private final Llm llm;
  private final ReminderStore reminders;
  private final FollowupProperties properties;

  FollowupComposer(Llm llm, ReminderStore reminders, FollowupProperties properties) {
    this.llm = llm;
    this.reminders = reminders;
    this.properties = properties;
  }

  /** The follow-up of {@code request}; its reminders are stored and will fire at their time. */
  public FollowupDraft compose(FollowupRequest request, EngineChoice choice, CallContext context) {
    MeetingSummary summary = request.summary();
    if (summary == null || summary.overview() == null || summary.overview().isBlank()) {
      throw new IllegalArgumentException("summary with an overview is required");
    }
    String title =
        request.title() == null || request.title().isBlank() ? "Meeting" : request.title().strip();
    List<Attendee> attendees = request.attendees() == null ? List.of() : request.attendees();
    List<ActionItem> items = summary.actionItems() == null ? List.of() : summary.actionItems();
    List<String> decisions = summary.decisions() == null ? List.of() : summary.decisions();
    List<String> itemLines = new ArrayList<>();
    for (ActionItem item : items) {
      itemLines.add(plainItem(item));
    }
    LlmResult<FollowupNote> note =
        llm.run(
            FollowupTasks.NOTE,
            new FollowupNoteInput(title, summary.overview(), decisions, itemLines),
            choice,
            context);
    String meetingId = request.meetingId() == null ? "" : request.meetingId();
    List<FollowupDraft.Reminder> scheduled = new ArrayList<>();
    for (ActionItem item : items) {
      if (item.owner() != null && item.due() != null) {
        reminders
            .schedule(meetingId, title, item, attendee(item.owner(), attendees))
            .ifPresent(scheduled::add);
      }
    }
    return new FollowupDraft(
        email(title, note.value(), summary, decisions, items, attendees),
        slack(title, note.value(), summary, decisions, items, attendees),
        scheduled,
        note.engine());
  }

  private FollowupDraft.Email email(
      String title,
      FollowupNote note,
      MeetingSummary summary,
      List<String> decisions,
      List<ActionItem> items,
      List<Attendee> attendees) {
    StringBuilder text =
        new StringBuilder(note.intro()).append("\n\nSummary\n").append(summary.overview());
    StringBuilder html =
        new StringBuilder("<html><body style=\"font-family:sans-serif\">")
            .append("<p>")
            .append(esc(note.intro()))
            .append("</p>")
            .append("<h2>Summary</h2><p>")
            .append(esc(summary.overview()))
            .append("</p>");
    if (!decisions.isEmpty()) {
      text.append("\n\nDecisions\n");
      html.append("<h2>Decisions</h2><ul>");
      for (String d : decisions) {
        text.append("- ").append(d).append('\n');
        html.append("<li>").append(esc(d)).append("</li>");
      }
      html.append("</ul>");
    }
    if (!items.isEmpty()) {
      text.append("\n\nAction items\n");
      html.append("<h2>Action items</h2><ul>");
      for (ActionItem item : items) {
        text.append("- ").append(plainItem(item)).append('\n');
        html.append("<li>").append(esc(item.text()));
        html.append(" — <strong>")
            .append(esc(item.owner() == null ? "unassigned" : item.owner()))
            .append("</strong>");
        if (item.due() != null) {
          html.append(", due ").append(esc(item.due()));
        }
        html.append("</li>");
      }
      html.append("</ul>");
    }
    if (!properties.consoleUrl().isBlank()) {
      text.append("\n\nOpen in BudAI: ").append(properties.consoleUrl());
      html.append("<p><a href=\"")
          .append(esc(properties.consoleUrl()))
          .append("\">Open in BudAI</a></p>");
    }
    html.append("<p style=\"color:#888\">Sent by BudAI for \"")
        .append(esc(title))
        .append("\".</p></body></html>");
    Set<String> to = new LinkedHashSet<>();
    for (Attendee a : attendees) {
      if (a.email() != null && a.email().contains("@")) {
        to.add(a.email().strip());
      }
    }
    return new FollowupDraft.Email(
        note.subject(), text.toString().strip(), html.toString(), List.copyOf(to));
  }

  private FollowupDraft.Slack slack(
      String title,
      FollowupNote note,
      MeetingSummary summary,
      List<String> decisions,
      List<ActionItem> items,
      List<Attendee> attendees) {
    SlackBlocks blocks =
        new SlackBlocks()
            .header("Meeting follow-up: " + title)
            .section(SlackBlocks.escape(note.intro()))
            .section("*Summary*\n" + SlackBlocks.escape(summary.overview()));
    if (!decisions.isEmpty()) {
      StringBuilder d = new StringBuilder("*Decisions*");
      decisions.forEach(x -> d.append("\n• ").append(SlackBlocks.escape(x)));
      blocks.divider().section(d.toString());
    }
    if (!items.isEmpty()) {
      StringBuilder a = new StringBuilder("*Action items*");
      for (ActionItem item : items) {
        a.append("\n• ").append(SlackBlocks.escape(item.text())).append(" — ");
        Attendee who = item.owner() == null ? null : attendee(item.owner(), attendees);
        if (who != null && who.slackUserId() != null && who.slackUserId().matches("[A-Z0-9]+")) {
          a.append("<@").append(who.slackUserId()).append('>');
        } else {
          a.append('*')
              .append(SlackBlocks.escape(item.owner() == null ? "unassigned" : item.owner()))
              .append('*');
        }
        if (item.due() != null) {
          a.append(", due ").append(SlackBlocks.escape(item.due()));
        }
      }
      blocks.divider().section(a.toString());
    }
    blocks.context(
        "BudAI follow-up · " + items.size() + " action items · " + decisions.size() + " decisions");
    String text = SlackBlocks.truncate(note.subject() + "\n" + note.intro(), 3000);
    return new FollowupDraft.Slack(text, blocks.build());
  }

  /** The attendee whose name matches {@code owner} (case-insensitive, or by first name). */
  static @Nullable Attendee attendee(String owner, List<Attendee> attendees) {
    String o = owner.strip().toLowerCase(Locale.ROOT);
    for (Attendee a : attendees) {
      if (a.name() != null && a.name().strip().toLowerCase(Locale.ROOT).equals(o)) {
        return a;
      }
    }
    for (Attendee a : attendees) {
      if (a.name() != null
          && a.name().strip().toLowerCase(Locale.ROOT).split("\\s+")[0].equals(o)) {
        return a;
      }
    }
    return null;
  }

  private static String plainItem(ActionItem item) {
    return (item.owner() == null ? "unassigned" : item.owner())
        + ": "
        + item.text()
        + (item.due() == null ? "" : " (due " + item.due() + ")");
  }

  private static String esc(String s) {
    return HtmlUtils.htmlEscape(s);
  }
}
