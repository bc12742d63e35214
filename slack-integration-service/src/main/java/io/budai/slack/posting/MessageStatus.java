package io.budai.slack.posting;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a posted message stands.
 *
 * @param idempotencyKey the caller's key
 * @param channel target channel
 * @param status {@code queued} (waiting or being retried), {@code sent}, {@code failed} (Slack
 *     refused it, or it kept failing), {@code outbox} (Slack is not configured)
 * @param ts Slack's timestamp (message id) of the first part once posted, else null
 * @param parts how many {@code chat.postMessage} calls the message takes
 * @param sentParts how many of them succeeded
 * @param partsTs Slack's timestamps of all posted parts
 * @param error why it failed or is being retried, else null
 * @param attempts failed attempts so far (rate limits included)
 * @param createdAt when it was accepted
 * @param updatedAt last change
 * @param duplicate true when this request repeated an idempotency key already accepted
 */
public record MessageStatus(
    String idempotencyKey,
    String channel,
    String status,
    @Nullable String ts,
    int parts,
    int sentParts,
    List<String> partsTs,
    @Nullable String error,
    int attempts,
    Instant createdAt,
    Instant updatedAt,
    boolean duplicate) {

  static final String QUEUED = "queued";
  static final String SENT = "sent";
  static final String FAILED = "failed";
  static final String OUTBOX = "outbox";

  /** Whether nothing more will happen to the message. */
  public boolean settled() {
    return !QUEUED.equals(status);
  }

  MessageStatus asDuplicate() {
    return new MessageStatus(
        idempotencyKey,
        channel,
        status,
        ts,
        parts,
        sentParts,
        partsTs,
        error,
        attempts,
        createdAt,
        updatedAt,
        true);
  }
}
