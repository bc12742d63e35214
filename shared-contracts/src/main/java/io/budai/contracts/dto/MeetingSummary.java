package io.budai.contracts.dto;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A structured meeting summary: the response of the summarizer's {@code POST /summarize} and the
 * {@code summary} of a {@code summary.generated} event (DESIGN.md §5).
 *
 * @param meetingId the meeting summarized
 * @param overview a short paragraph
 * @param keyPoints the main points discussed
 * @param decisions what was decided
 * @param actionItems who does what by when
 * @param risks open risks and concerns
 * @param engine the engine that wrote it: the LLM provider's configured name ({@code openai} by
 *     default) or {@code offline}
 * @param model the model that wrote it ({@code offline-extractive} for the offline engine)
 * @param usage tokens consumed
 */
public record MeetingSummary(
    String meetingId,
    String overview,
    List<String> keyPoints,
    List<String> decisions,
    List<ActionItem> actionItems,
    List<String> risks,
    String engine,
    @Nullable String model,
    TokenUsage usage) {

  public MeetingSummary {
    keyPoints = keyPoints == null ? List.of() : List.copyOf(keyPoints);
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
    actionItems = actionItems == null ? List.of() : List.copyOf(actionItems);
    risks = risks == null ? List.of() : List.copyOf(risks);
    usage = usage == null ? TokenUsage.NONE : usage;
  }
}
