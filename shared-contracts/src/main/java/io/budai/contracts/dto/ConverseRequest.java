package io.budai.contracts.dto;

import org.jspecify.annotations.Nullable;

/**
 * {@code POST /converse} (communicator-agent): one message of a Slack DM, mention or API chat.
 *
 * @param sessionId the conversation ({@code budai:session:{id}} keeps its context)
 * @param userId the BudAI user
 * @param text what the user wrote
 */
public record ConverseRequest(
    @Nullable String sessionId, @Nullable String userId, @Nullable String text) {}
