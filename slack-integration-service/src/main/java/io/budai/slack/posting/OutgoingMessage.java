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
 */
public record OutgoingMessage(
    String idempotencyKey, String channel, @Nullable String threadTs, List<MessagePart> parts) {

  public OutgoingMessage {
    parts = List.copyOf(parts);
  }
}
