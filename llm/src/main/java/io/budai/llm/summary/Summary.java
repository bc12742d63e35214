package io.budai.llm.summary;

import java.util.List;

/**
 * A structured meeting summary (the content of DESIGN.md §5's {@code /summarize} response).
 *
 * @param overview a third-person paragraph
 * @param keyPoints the main points, one sentence each
 * @param decisions what was decided
 * @param actionItems who does what by when
 * @param risks risks, blockers and open problems
 */
public record Summary(
    String overview,
    List<String> keyPoints,
    List<String> decisions,
    List<ActionItem> actionItems,
    List<String> risks) {

  public Summary {
    keyPoints = List.copyOf(keyPoints);
    decisions = List.copyOf(decisions);
    actionItems = List.copyOf(actionItems);
    risks = List.copyOf(risks);
  }
}
