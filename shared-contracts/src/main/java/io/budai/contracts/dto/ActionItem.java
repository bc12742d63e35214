package io.budai.contracts.dto;

import org.jspecify.annotations.Nullable;

/**
 * One action item of a meeting summary (DESIGN.md §5).
 *
 * @param text what has to be done
 * @param owner who does it, as named in the meeting, or null when nobody was named
 * @param due when it is due, as said in the meeting ("Friday", "2025-06-01"), or null
 * @param confidence how sure the engine is that this is an action item, 0..1
 */
public record ActionItem(
    String text, @Nullable String owner, @Nullable String due, double confidence) {}
