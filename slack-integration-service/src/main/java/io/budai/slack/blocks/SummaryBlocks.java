package io.budai.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.util.json.GsonFactory;
import io.budai.contracts.dto.ActionItem;
import io.budai.contracts.dto.MeetingSummary;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders a meeting summary as Block Kit: a header, an overview, key points, decisions, action
 * items with their owners (mentioned when a linked Slack user goes by the name), risks and buttons.
 * A long summary is split across several messages so each stays within Slack's limits (50 blocks,
 * 3000 characters per section, 150 per header, a total text budget); no text is dropped.
 */
public final class SummaryBlocks {

  /** {@code action_id} of the button that asks the orchestrator for a fresh summary. */
  public static final String RERUN_ACTION = "rerun_summary";

  /** {@code action_id} of the button that sends the summary to the clicker's DM. */
  public static final String VIEW_ACTION = "view_summary";

  /** {@code action_id} of the link button to the meeting in BudAI. */
  public static final String OPEN_ACTION = "open_meeting";

  private static final Gson GSON = GsonFactory.createSnakeCase();

  private final String publicUrl;
  private final MentionResolver mentions;

  public SummaryBlocks(String publicUrl, MentionResolver mentions) {
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
    this.mentions = mentions;
  }

  /** The channel message(s) for {@code summary}, in posting order. */
  public List<MessagePart> messages(@Nullable String title, MeetingSummary summary) {
    String name = displayTitle(title, summary);
    List<Weighted> body = new ArrayList<>();
    addText(
        body,
        "*Overview*",
        summary.overview().isBlank() ? List.of() : List.of(BlockText.escape(summary.overview())));
    addText(body, "*Key points*", bullets(summary.keyPoints()));
    addText(body, "*Decisions*", bullets(summary.decisions()));
    addText(body, "*Action items*", summary.actionItems().stream().map(this::actionLine).toList());
    addText(body, "*Risks*", bullets(summary.risks()));
    if (body.isEmpty()) {
      body.add(textSection("_The meeting produced no summary content._"));
    }

    List<List<Weighted>> pages = paginate(body);
    List<MessagePart> parts = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      List<LayoutBlock> blocks = new ArrayList<>();
      boolean first = i == 0;
      boolean last = i == pages.size() - 1;
      if (first) {
        blocks.add(
            header(
                h -> h.text(plainText(BlockText.truncate("Meeting summary: " + name, 150), true))));
        blocks.add(context(c -> c.elements(List.of(markdownText(stats(summary))))));
      } else {
        blocks.add(
            context(
                c ->
                    c.elements(
                        List.of(
                            markdownText(
                                BlockText.escape(BlockText.truncate(name, 200))
                                    + " (continued)")))));
      }
      pages.get(i).forEach(w -> blocks.add(w.block()));
      if (last) {
        blocks.add(divider());
        blocks.add(actions(a -> a.blockId("summary_actions").elements(buttons(summary))));
      }
      String fallback =
          pages.size() == 1
              ? "Meeting summary: " + name
              : "Meeting summary: " + name + " (part " + (i + 1) + " of " + pages.size() + ")";
      parts.add(new MessagePart(BlockText.truncate(fallback, 3000), GSON.toJson(blocks)));
    }
    return parts;
  }

  /**
   * A compact entry for the App Home: title, a shortened overview, the open action items and the
   * view/re-run buttons (plus stop while the meeting runs). At most 4 blocks.
   */
  public List<LayoutBlock> homeEntry(@Nullable String title, MeetingSummary summary) {
    String name = displayTitle(title, summary);
    StringBuilder text =
        new StringBuilder("*")
            .append(BlockText.escape(BlockText.truncate(name, 150)))
            .append("*\n")
            .append(BlockText.escape(BlockText.truncate(summary.overview(), 600)));
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.text(markdownText(BlockText.truncate(text.toString(), 3000)))));
    if (!summary.actionItems().isEmpty()) {
      StringBuilder items = new StringBuilder("*Open action items*");
      summary.actionItems().stream()
          .limit(5)
          .forEach(item -> items.append('\n').append(actionLine(item)));
      if (summary.actionItems().size() > 5) {
        items.append("\n_…and ").append(summary.actionItems().size() - 5).append(" more_");
      }
      blocks.add(section(s -> s.text(markdownText(BlockText.truncate(items.toString(), 3000)))));
    }
    blocks.add(
        actions(
            a ->
                a.elements(
                    List.of(
                        button(
                            b ->
                                b.actionId(VIEW_ACTION)
                                    .text(plainText("View summary"))
                                    .value(summary.meetingId())),
                        button(
                            b ->
                                b.actionId(RERUN_ACTION)
                                    .text(plainText("Re-run summary"))
                                    .value(summary.meetingId()))))));
    return blocks;
  }

  private List<BlockElement> buttons(MeetingSummary summary) {
    String meetingId = summary.meetingId();
    List<BlockElement> elements = new ArrayList<>();
    elements.add(
        button(
            b ->
                b.actionId(OPEN_ACTION)
                    .text(plainText("Open in BudAI"))
                    .url(publicUrl + "meetings/" + meetingId)));
    elements.add(
        button(
            b ->
                b.actionId(VIEW_ACTION)
                    .text(plainText("Send me a copy"))
                    .value(BlockText.truncate(meetingId, BlockKitLimits.BUTTON_VALUE))));
    elements.add(
        button(
            b ->
                b.actionId(RERUN_ACTION)
                    .style("primary")
                    .text(plainText("Re-run summary"))
                    .value(BlockText.truncate(meetingId, BlockKitLimits.BUTTON_VALUE))));
    return elements;
  }

  private String actionLine(ActionItem item) {
    StringBuilder line = new StringBuilder("• ").append(BlockText.escape(item.text().strip()));
    String owner = item.owner();
    if (owner != null && !owner.isBlank()) {
      line.append(" — ")
          .append(
              mentions
                  .slackUserId(owner)
                  .map(id -> "<@" + id + ">")
                  .orElseGet(() -> "*" + BlockText.escape(owner.strip()) + "*"));
    } else {
      line.append(" — _unassigned_");
    }
    if (item.due() != null && !item.due().isBlank()) {
      line.append(" · due ").append(BlockText.escape(item.due().strip()));
    }
    return line.toString();
  }

  private static String stats(MeetingSummary summary) {
    return summary.decisions().size()
        + " decisions · "
        + summary.actionItems().size()
        + " action items · "
        + summary.risks().size()
        + " risks";
  }

  private static String displayTitle(@Nullable String title, MeetingSummary summary) {
    return title == null || title.isBlank() ? "meeting " + summary.meetingId() : title.strip();
  }

  private static List<String> bullets(List<String> items) {
    return items.stream()
        .filter(s -> s != null && !s.isBlank())
        .map(s -> "• " + BlockText.escape(s.strip()))
        .toList();
  }

  /**
   * Adds a titled group of (escaped) lines as sections of at most 3000 characters; the title goes
   * on the first. A single line longer than a section is split on its own.
   */
  private static void addText(List<Weighted> body, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    int max = BlockKitLimits.SECTION_TEXT;
    StringBuilder current = new StringBuilder(title);
    for (String line : lines) {
      for (String piece : BlockText.chunks(line, max - 1)) {
        if (current.length() + 1 + piece.length() > max) {
          body.add(textSection(current.toString()));
          current.setLength(0);
        }
        if (!current.isEmpty()) {
          current.append('\n');
        }
        current.append(piece);
      }
    }
    if (!current.isEmpty()) {
      body.add(textSection(current.toString()));
    }
  }

  private static Weighted textSection(String text) {
    return new Weighted(section(s -> s.text(markdownText(text))), text.length());
  }

  /**
   * Greedy pages of body blocks: the first page leaves room for the header and stats, later ones
   * for a "continued" line, and the last for the divider and buttons; each page also stays within
   * the text budget.
   */
  static List<List<Weighted>> paginate(List<Weighted> body) {
    int firstOverhead = 2;
    int laterOverhead = 1;
    int trailer = 2;
    List<List<Weighted>> pages = new ArrayList<>();
    List<Weighted> page = new ArrayList<>();
    int chars = 0;
    for (Weighted block : body) {
      int overhead = pages.isEmpty() ? firstOverhead : laterOverhead;
      boolean full =
          overhead + page.size() + 1 + trailer > BlockKitLimits.MESSAGE_BLOCKS
              || chars + block.chars() > BlockKitLimits.MESSAGE_BLOCK_CHARS;
      if (full && !page.isEmpty()) {
        pages.add(page);
        page = new ArrayList<>();
        chars = 0;
      }
      page.add(block);
      chars += block.chars();
    }
    pages.add(page);
    return pages;
  }

  record Weighted(LayoutBlock block, int chars) {}
}
