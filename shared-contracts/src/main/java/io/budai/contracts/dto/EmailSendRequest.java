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
 */
public record EmailSendRequest(
    @Nullable List<String> to,
    @Nullable String subject,
    @Nullable String text,
    @Nullable String html,
    @Nullable String meetingId) {}
