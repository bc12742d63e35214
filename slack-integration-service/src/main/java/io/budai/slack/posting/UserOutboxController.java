package io.budai.slack.posting;

import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.CursorPaging;
import io.budai.slack.config.SlackProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /outbox/slack}: the calling user's outbox, through the gateway (route {@code
 * outbox-slack}, {@code X-API-Key}): the Slack messages BudAI kept for their meetings and workflows
 * while Slack is not configured, newest first, paged by an opaque cursor. Only messages posted on
 * the user's behalf are listed; entries written before messages carried their user stay in the
 * operators' {@code GET /outbox} only.
 */
@RestController
@Tag(name = "Outbox", description = "Your Slack messages kept while Slack is not configured")
class UserOutboxController {

  static final int DEFAULT_LIMIT = CursorPaging.DEFAULT_LIMIT;
  static final int MAX_LIMIT = CursorPaging.MAX_LIMIT;

  private final MessagePoster poster;
  private final SlackProperties properties;

  UserOutboxController(MessagePoster poster, SlackProperties properties) {
    this.poster = poster;
    this.properties = properties;
  }

  /** One message of the user's outbox. */
  record OutboxItem(
      String id,
      String channel,
      @Nullable String threadTs,
      String text,
      String blocksText,
      int parts,
      @Nullable String meetingId,
      @Nullable String workflowId,
      String createdAt,
      String status) {}

  /** A page of the user's outbox; {@code next_cursor} is null on the last page. */
  record OutboxPage(
      List<OutboxItem> items, int limit, @Nullable String nextCursor, boolean slackConfigured) {}

  @Operation(
      summary = "Your Slack messages kept in the outbox, newest first",
      description =
          "limit 1-100 (default 20); cursor = next_cursor of the previous page; meeting_id filters")
  @GetMapping("/outbox/slack")
  OutboxPage outbox(
      @RequestParam(required = false) @Nullable String limit,
      @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(name = "meeting_id", required = false) @Nullable String meetingId,
      CallerIdentity caller) {
    String userId = caller.requireUser();
    int size = CursorPaging.limit(limit);
    String meeting = meetingId == null || meetingId.isBlank() ? null : meetingId.strip();
    CursorPaging.Page<JsonNode> page =
        poster.userOutbox(userId, size, CursorPaging.cursor(cursor), meeting);
    List<OutboxItem> items = new ArrayList<>();
    for (JsonNode entry : page.items()) {
      items.add(item(entry));
    }
    return new OutboxPage(items, size, page.nextCursor(), properties.configured());
  }

  static OutboxItem item(JsonNode entry) {
    List<String> texts = new ArrayList<>();
    List<String> blockTexts = new ArrayList<>();
    int parts = 0;
    for (JsonNode part : entry.path("parts")) {
      parts++;
      String text = string(part, "text");
      if (text != null && !text.isBlank() && !texts.contains(text)) {
        texts.add(text);
      }
      for (JsonNode block : part.path("blocks")) {
        blockText(block, blockTexts);
      }
    }
    return new OutboxItem(
        stringOr(entry, "idempotency_key", ""),
        stringOr(entry, "channel", ""),
        string(entry, "thread_ts"),
        String.join("\n", texts),
        String.join("\n", blockTexts),
        parts,
        string(entry, "meeting_id"),
        string(entry, "workflow_id"),
        stringOr(entry, "created_at", ""),
        MessageStatus.OUTBOX);
  }

  /** The readable text of one Block Kit block: its text, fields and context elements. */
  private static void blockText(JsonNode block, List<String> out) {
    JsonNode text = block.get("text");
    if (text != null && text.isObject()) {
      add(out, string(text, "text"));
    }
    for (JsonNode field : block.path("fields")) {
      add(out, string(field, "text"));
    }
    for (JsonNode element : block.path("elements")) {
      JsonNode inner = element.get("text");
      if (inner != null && inner.isString()) {
        add(out, inner.asString());
      } else if (inner != null && inner.isObject()) {
        add(out, string(inner, "text"));
      }
    }
  }

  private static void add(List<String> out, @Nullable String text) {
    if (text != null && !text.isBlank()) {
      out.add(text);
    }
  }

  private static @Nullable String string(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isString() ? value.asString() : null;
  }

  private static String stringOr(JsonNode node, String field, String fallback) {
    String value = string(node, field);
    return value == null ? fallback : value;
  }
}
