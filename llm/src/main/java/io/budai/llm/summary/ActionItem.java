package io.budai.llm.summary;

import org.jspecify.annotations.Nullable;

/**
 * A task someone took on in the meeting.
 *
 * @param text what is to be done
 * @param owner a speaker or a person named in the transcript, or null when nobody took it
 * @param due ISO date ({@code 2026-05-15}) when a deadline was stated, else null
 * @param confidence how sure the extractor is that this is an action item, 0..1
 */
public record ActionItem(
    String text, @Nullable String owner, @Nullable String due, double confidence) {}
