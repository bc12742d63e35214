package io.budai.llm.followup;

import java.util.List;

/**
 * What a follow-up note is written from.
 *
 * @param title the meeting's title
 * @param overview the summary's overview
 * @param decisions the decisions
 * @param actionItems the action items as "owner: task (due)" lines
 */
public record FollowupNoteInput(
    String title, String overview, List<String> decisions, List<String> actionItems) {}
