package io.budai.slack.blocks;

import org.jspecify.annotations.Nullable;

/**
 * One {@code chat.postMessage}: the notification/fallback text and the blocks as Slack's JSON
 * array, or null for a text-only message.
 */
public record MessagePart(String text, @Nullable String blocks) {}
