package io.budai.contracts.dto;

import java.util.List;
import java.util.Map;

/**
 * The response of {@code POST /followup}: an e-mail, a Slack message and the reminders scheduled.
 */
public record FollowupDraft(Email email, Slack slack, List<Reminder> reminders, String engine) {

  /** An e-mail ready for {@code POST /email/send}. */
  public record Email(String subject, String text, String html, List<String> to) {}

  /**
   * A Slack message: fallback text and Block Kit blocks (at most 50, section texts at most 3000
   * characters).
   */
  public record Slack(String text, List<Map<String, Object>> blocks) {}

  /** A reminder of one action item, fired at {@code dueAt} (ISO instant). */
  public record Reminder(String id, String actionItem, String owner, String dueAt) {}
}
