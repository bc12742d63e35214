package io.budai.slack.posting;

import io.budai.contracts.dto.MeetingSummary;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /messages}: a message for Slack. Give {@code text} and/or {@code blocks}, or a
 * meeting {@code summary} that this service renders as Block Kit (split across messages when it is
 * long).
 *
 * @param channel Slack channel id; default {@code SLACK_DEFAULT_CHANNEL}
 * @param text the message text, or the notification fallback when blocks are given
 * @param blocks Block Kit blocks (a JSON array); more than 50 are posted as several messages
 * @param threadTs parent message to reply under
 * @param idempotencyKey the caller's key (or the {@code Idempotency-Key} header): one post per key
 * @param title meeting title, for a summary
 * @param summary a structured meeting summary to render
 * @param userId BudAI user the summary belongs to (for their App Home); default the caller's {@code
 *     X-User-Id}; also the owner of the message in that user's outbox ({@code GET /outbox/slack})
 * @param meetingId the meeting the message is about (shown with it in the user's outbox)
 * @param workflowId the workflow that posts it (shown with it in the user's outbox)
 */
record PostMessageRequest(
    @Nullable String channel,
    @Nullable String text,
    @Nullable JsonNode blocks,
    @Nullable String threadTs,
    @Nullable String idempotencyKey,
    @Nullable String title,
    @Nullable MeetingSummary summary,
    @Nullable String userId,
    @Nullable String meetingId,
    @Nullable String workflowId) {}
