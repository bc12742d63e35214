package io.budai.contracts.dto;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@code POST /email/send}.
 *
 * @param status {@code sent} (handed to the SMTP server) or {@code outboxed} (no SMTP configured:
 *     kept in the outbox)
 * @param messageId the message's id
 * @param idempotencyKey the key the call carried
 * @param replayed true when an earlier call with the same key did the work and this one only
 *     returned its outcome
 */
public record EmailSendResult(
    String status, String messageId, @Nullable String idempotencyKey, boolean replayed) {}
