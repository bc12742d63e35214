package io.budai.slack.posting;

import io.budai.slack.blocks.MessagePart;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message to post, possibly in several parts (a long summary), all to one channel and, when
 * {@code threadTs} is set, into that thread.
 *
 * @param idempotencyKey the caller's key: the same key is posted once
 * @param channel Slack channel (or DM) id
 * @param threadTs parent message to reply under, or null
 * @param parts the {@code chat.postMessage} calls, in order
 * @param userId the BudAI user it is posted for (its owner in that user's outbox), or null
 * @param meetingId the meeting it is about, or null
 * @param workflowId the workflow that posted it, or null
 */
public record OutgoingMessage(
    String idempotencyKey,
    String channel,
    @Nullable String threadTs,
    List<MessagePart> parts,
    @Nullable String userId,
    @Nullable String meetingId,
    @Nullable String workflowId) {

  public OutgoingMessage {
    parts = List.copyOf(parts);
  }

  /** A message on nobody's behalf (it shows only in the operators' outbox listing). */
  public OutgoingMessage(
      String idempotencyKey, String channel, @Nullable String threadTs, List<MessagePart> parts) {
    this(idempotencyKey, channel, threadTs, parts, null, null, null);
  }
}
