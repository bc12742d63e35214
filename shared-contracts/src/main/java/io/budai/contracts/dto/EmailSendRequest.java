package io.budai.contracts.dto;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /email/send} (followup-agent), sent with an {@code Idempotency-Key} header.
 *
 * @param to recipients
 * @param subject subject line
 * @param text plain-text body
 * @param html HTML body, optional
 * @param meetingId the meeting it is about, optional
 * @param userId the BudAI user it is sent for (its owner in the user's outbox), optional; default
 *     the caller's {@code X-User-Id}
 * @param workflowId the workflow that sent it, optional
 */
public record EmailSendRequest(
    @Nullable List<String> to,
    @Nullable String subject,
    @Nullable String text,
    @Nullable String html,
    @Nullable String meetingId,
    @Nullable String userId,
    @Nullable String workflowId) {

  /** A request without attribution (no user, no workflow). */
  public EmailSendRequest(
      @Nullable List<String> to,
      @Nullable String subject,
      @Nullable String text,
      @Nullable String html,
      @Nullable String meetingId) {
    this(to, subject, text, html, meetingId, null, null);
  }
}
