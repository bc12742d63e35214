package io.budai.contracts.dto;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /summarize} (summarizer-agent).
 *
 * @param meetingId the meeting
 * @param title its title, when known
 * @param language the transcript's language code, when known
 * @param transcript the turns, in order
 * @param engine {@code auto} (default), {@code llm} or {@code offline}
 * @param meetingDate ISO date of the meeting ({@code 2026-05-12}); relative deadlines resolve
 *     against it (default: today, UTC)
 */
public record SummarizeRequest(
    @Nullable String meetingId,
    @Nullable String title,
    @Nullable String language,
    @Nullable List<TranscriptTurn> transcript,
    @Nullable String engine,
    @Nullable String meetingDate) {}
