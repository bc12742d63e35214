package io.budai.orchestrator.steps;

import io.budai.contracts.dto.Attendee;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Slack message the orchestrator composes itself, the prep brief: a mrkdwn fallback text and
 * Block Kit blocks. Follow-ups are composed by followup-agent, summaries rendered by
 * slack-integration-service.
 */
final class SlackMessages {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Slack limits a section's text to 3000 characters. */
  private static final int SECTION_LIMIT = 2900;

  private SlackMessages() {}

  /** A message of text and blocks. */
  record Message(String text, List<Map<String, Object>> blocks) {}

  static Message brief(
      String title, @Nullable Instant startsAt, List<Attendee> attendees, @Nullable String agenda) {
    List<Map<String, Object>> blocks = new ArrayList<>();
    blocks.add(header("Coming up: " + title));
    StringBuilder text = new StringBuilder("*Coming up: ").append(title).append("*\n");
    if (startsAt != null) {
      String when = "Starts " + WHEN.format(startsAt);
      blocks.add(section(when));
      text.append(when).append('\n');
    }
    list(
        blocks,
        text,
        "Attendees",
        attendees.stream()
            .map(a -> a.email() == null ? a.name() : a.name() + " <" + a.email() + ">")
            .toList());
    if (agenda != null && !agenda.isBlank()) {
      blocks.add(section("*Agenda*\n" + agenda.strip()));
      text.append("Agenda: ").append(agenda.strip()).append('\n');
    }
    return new Message(text.toString().strip(), blocks);
  }

  private static void list(
      List<Map<String, Object>> blocks, StringBuilder text, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    StringBuilder body = new StringBuilder("*").append(title).append("*");
    for (String item : items) {
      body.append("\n• ").append(item);
    }
    blocks.add(section(body.toString()));
    text.append(title).append(": ").append(String.join("; ", items)).append('\n');
  }

  private static Map<String, Object> header(String text) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("type", "header");
    block.put("text", Map.of("type", "plain_text", "text", truncate(text, 150)));
    return block;
  }

  private static Map<String, Object> section(String mrkdwn) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("type", "section");
    block.put("text", Map.of("type", "mrkdwn", "text", truncate(mrkdwn, SECTION_LIMIT)));
    return block;
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
