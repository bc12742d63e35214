package io.budai.slack.posting;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.dto.MeetingSummary;
import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import io.budai.slack.blocks.BlockKitLimits;
import io.budai.slack.blocks.BlockText;
import io.budai.slack.blocks.MessagePart;
import io.budai.slack.blocks.SummaryBlocks;
import io.budai.slack.config.SlackProperties;
import io.budai.slack.home.SummaryArchive;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The internal posting API (the orchestrator's deliver step, the communicator's replies): {@code
 * POST /messages} accepts a message once per idempotency key and answers 202 at once; Slack's rate
 * limits are dealt with behind it. {@code GET /messages/{key}} tells how it went; {@code GET
 * /outbox} lists what was kept while Slack is not configured.
 */
@RestController
@Tag(name = "Messages", description = "Posting to Slack (internal)")
class MessagesController {

  private static final int MAX_KEY_LENGTH = 200;

  private final MessagePoster poster;
  private final SlackProperties properties;
  private final SummaryBlocks summaries;
  private final SummaryArchive archive;
  private final JsonMapper json;

  MessagesController(
      MessagePoster poster,
      SlackProperties properties,
      SummaryBlocks summaries,
      SummaryArchive archive,
      JsonMapper json) {
    this.poster = poster;
    this.properties = properties;
    this.summaries = summaries;
    this.archive = archive;
    this.json = json;
  }

  @Operation(summary = "Post a message (text, blocks or a meeting summary) to a channel")
  @PostMapping("/messages")
  ResponseEntity<MessageStatus> post(
      @RequestBody PostMessageRequest request,
      @RequestHeader(name = BudaiHeaders.IDEMPOTENCY_KEY, required = false)
          @Nullable String headerKey,
      CallerIdentity caller) {
    String key = idempotencyKey(request.idempotencyKey(), headerKey);
    String channel = channel(request.channel());
    List<MessagePart> parts;
    MeetingSummary summary = normalized(request.summary());
    if (summary != null) {
      if (request.blocks() != null) {
        throw invalid("Give either blocks or a summary, not both.", List.of());
      }
      parts = summaries.messages(request.title(), summary);
    } else {
      parts = parts(request.text(), request.blocks());
    }
    String userId = blank(request.userId()) != null ? request.userId().strip() : caller.userId();
    if (summary != null) {
      archive.remember(userId, channel, request.title(), summary);
    }
    String meetingId = blank(request.meetingId());
    if (meetingId == null && summary != null) {
      meetingId = summary.meetingId();
    }
    MessageStatus status =
        poster.post(
            new OutgoingMessage(
                key,
                channel,
                blank(request.threadTs()),
                parts,
                blank(userId),
                meetingId,
                blank(request.workflowId())),
            properties.postWait());
    if (MessageStatus.FAILED.equals(status.status())) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "slack-rejected",
          "Slack refused the message",
          "Slack answered " + status.error() + " for channel " + channel + ".",
          Map.of("idempotency_key", key, "error", String.valueOf(status.error())));
    }
    HttpStatus code =
        status.duplicate()
            ? HttpStatus.OK
            : MessageStatus.SENT.equals(status.status()) ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
    return ResponseEntity.status(code).body(status);
  }

  @Operation(summary = "Status of a posted message")
  @GetMapping("/messages/{idempotencyKey}")
  MessageStatus status(@PathVariable String idempotencyKey) {
    return poster
        .status(idempotencyKey)
        .orElseThrow(
            () ->
                new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "message-not-found",
                    "No such message",
                    "No message was posted with this idempotency key (or it has expired)."));
  }

  @Operation(summary = "Messages kept while Slack is not configured, newest first")
  @GetMapping("/outbox")
  Map<String, Object> outbox(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 1000) {
      throw invalid("limit must be between 1 and 1000.", List.of());
    }
    List<JsonNode> items = poster.outbox(limit);
    return Map.of(
        "slack_configured", properties.configured(), "items", items, "count", items.size());
  }

  private List<MessagePart> parts(@Nullable String text, @Nullable JsonNode blocks) {
    String fallback = text == null ? "" : text;
    if (blocks == null || blocks.isNull() || (blocks.isArray() && blocks.isEmpty())) {
      if (fallback.isBlank()) {
        throw invalid("Give text, blocks or a summary.", List.of());
      }
      // Slack truncates text beyond its limit; a very long text is posted in parts instead.
      return BlockText.chunks(fallback, BlockKitLimits.MESSAGE_TEXT).stream()
          .map(piece -> new MessagePart(piece, null))
          .toList();
    }
    // With blocks the text is only the notification fallback.
    fallback = BlockText.truncate(fallback, BlockKitLimits.SECTION_TEXT);
    BlockNormalizer.Result normalized = BlockNormalizer.normalize(blocks);
    if (!normalized.errors().isEmpty()) {
      throw invalid("The blocks cannot be posted as they are.", normalized.errors());
    }
    List<MessagePart> parts = new ArrayList<>();
    for (var message : normalized.messages()) {
      parts.add(new MessagePart(fallback, json.writeValueAsString(message)));
    }
    return parts;
  }

  private String channel(@Nullable String requested) {
    String channel = blank(requested);
    if (channel == null) {
      channel = blank(properties.defaultChannel());
    }
    if (channel == null) {
      throw invalid("Name a channel; no SLACK_DEFAULT_CHANNEL is configured.", List.of());
    }
    return channel;
  }

  private static String idempotencyKey(@Nullable String body, @Nullable String header) {
    String key = blank(body) != null ? body.strip() : blank(header);
    if (key == null) {
      throw invalid(
          "An idempotency_key (or Idempotency-Key header) is required, so a retry posts once.",
          List.of());
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw invalid("idempotency_key is longer than " + MAX_KEY_LENGTH + " characters.", List.of());
    }
    return key;
  }

  private static @Nullable MeetingSummary normalized(@Nullable MeetingSummary summary) {
    if (summary == null) {
      return null;
    }
    if (blank(summary.meetingId()) == null) {
      throw invalid("summary.meeting_id is required.", List.of());
    }
    return new MeetingSummary(
        summary.meetingId(),
        summary.overview() == null ? "" : summary.overview(),
        summary.keyPoints(),
        summary.decisions(),
        summary.actionItems().stream()
            .filter(item -> item != null && item.text() != null && !item.text().isBlank())
            .toList(),
        summary.risks(),
        summary.engine() == null ? "unknown" : summary.engine(),
        summary.model(),
        summary.usage());
  }

  private static @Nullable String blank(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static ProblemException invalid(String detail, List<String> errors) {
    return new ProblemException(
        HttpStatus.UNPROCESSABLE_CONTENT,
        "invalid-message",
        "Invalid message",
        detail,
        errors.isEmpty() ? Map.of() : Map.of("errors", errors));
  }
}
