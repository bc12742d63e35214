package io.budai.llm.followup;

/**
 * The written part of a follow-up: a subject line and an opening paragraph; the recap of decisions
 * and action items is rendered from the summary itself.
 *
 * @param subject the e-mail subject
 * @param intro two to four sentences that open the e-mail and the Slack message
 */
public record FollowupNote(String subject, String intro) {}
