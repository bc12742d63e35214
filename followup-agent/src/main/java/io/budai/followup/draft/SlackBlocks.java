package io.budai.followup.draft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Block Kit blocks within Slack's limits (protocols.md §1e): at most 50 blocks per message,
 * header text at most 150 characters, section text at most 3000 characters. Long lists are split
 * over several sections at line boundaries; what does not fit is summarised in a last context
 * block.
 */
final class SlackBlocks {

  static final int MAX_BLOCKS = 50;
  static final int MAX_SECTION = 3000;
  static final int MAX_HEADER = 150;

  private final List<Map<String, Object>> blocks = new ArrayList<>();
  private int droppedLines;

  SlackBlocks header(String text) {
    add(Map.of("type", "header", "text", text("plain_text", truncate(text, MAX_HEADER))));
    return this;
  }

  SlackBlocks context(String mrkdwn) {
    add(Map.of("type", "context", "elements", List.of(text("mrkdwn", truncate(mrkdwn, 2000)))));
    return this;
  }

  SlackBlocks divider() {
    add(Map.of("type", "divider"));
    return this;
  }

  /** A section of {@code mrkdwn}, cut into as many sections as its lines need. */
  SlackBlocks section(String mrkdwn) {
    StringBuilder current = new StringBuilder();
    for (String line : mrkdwn.split("\n")) {
      String l = truncate(line, MAX_SECTION);
      if (current.length() + l.length() + 1 > MAX_SECTION) {
        addSection(current.toString());
        current.setLength(0);
      }
      current.append(current.isEmpty() ? "" : "\n").append(l);
    }
    if (!current.isEmpty()) {
      addSection(current.toString());
    }
    return this;
  }

  List<Map<String, Object>> build() {
    List<Map<String, Object>> out = new ArrayList<>(blocks);
    if (droppedLines > 0) {
      out.set(
          out.size() - 1,
          Map.of(
              "type",
              "context",
              "elements",
              List.of(text("mrkdwn", "…and more: the full recap is in the e-mail."))));
    }
    return out;
  }

  private void addSection(String text) {
    add(Map.of("type", "section", "text", text("mrkdwn", text)));
  }

  private void add(Map<String, Object> block) {
    if (blocks.size() < MAX_BLOCKS) {
      blocks.add(block);
    } else {
      droppedLines++;
    }
  }

  private static Map<String, Object> text(String type, String text) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("type", type);
    t.put("text", text.isEmpty() ? " " : text);
    return t;
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** Escapes the three characters Slack's mrkdwn treats as control characters. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
