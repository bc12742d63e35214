package io.budai.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import java.util.ArrayList;
import java.util.List;

/** Short Block Kit replies to a user: a line of mrkdwn with an icon, and an optional hint. */
public final class Replies {

  private Replies() {}

  /** Something worked. {@code mrkdwn} must already be escaped where it holds user text. */
  public static List<LayoutBlock> ok(String mrkdwn) {
    return line(":white_check_mark: " + mrkdwn, null);
  }

  /** Something is in progress. */
  public static List<LayoutBlock> working(String mrkdwn) {
    return line(":hourglass_flowing_sand: " + mrkdwn, null);
  }

  /** The user has to do something first, or asked for something that is not there. */
  public static List<LayoutBlock> notice(String mrkdwn, String hint) {
    return line(":information_source: " + mrkdwn, hint);
  }

  /** Something failed on our side or downstream; trying again later may help. */
  public static List<LayoutBlock> failure(String mrkdwn, String hint) {
    return line(":warning: " + mrkdwn, hint);
  }

  /** A section of mrkdwn, cut to Slack's limit. */
  public static LayoutBlock text(String mrkdwn) {
    return section(
        s -> s.text(markdownText(BlockText.truncate(mrkdwn, BlockKitLimits.SECTION_TEXT))));
  }

  /** A context line. */
  public static LayoutBlock note(String mrkdwn) {
    return context(c -> c.elements(List.of(markdownText(BlockText.truncate(mrkdwn, 2000)))));
  }

  private static List<LayoutBlock> line(String mrkdwn, String hint) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(text(mrkdwn));
    if (hint != null && !hint.isBlank()) {
      blocks.add(note(hint));
    }
    return blocks;
  }

  /** {@code mrkdwn} without its markup, cut short, for a notification fallback. */
  public static String fallback(String mrkdwn) {
    return BlockText.truncate(mrkdwn.replaceAll("[*_`]", ""), 300);
  }

  /** The notification fallback of {@code blocks}: the text of the first section or header. */
  public static String fallback(List<LayoutBlock> blocks) {
    for (LayoutBlock block : blocks) {
      if (block instanceof SectionBlock section && section.getText() != null) {
        return fallback(section.getText().getText());
      }
      if (block instanceof HeaderBlock header && header.getText() != null) {
        return fallback(header.getText().getText());
      }
    }
    return "BudAI";
  }
}
