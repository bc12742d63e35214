package io.budai.contracts.events;

import java.util.List;

/**
 * {@code followup.drafted}: the meeting workflow drafted the follow-up; producer: orchestrator.
 *
 * @param meetingId BudAI meeting id
 * @param workflowId the meeting workflow
 * @param channels where it will be delivered ({@code slack}, {@code email})
 * @param emailTo email recipients
 */
public record FollowupDrafted(
    String meetingId, String workflowId, List<String> channels, List<String> emailTo)
    implements DomainEvent {

  public FollowupDrafted {
    channels = channels == null ? List.of() : List.copyOf(channels);
    emailTo = emailTo == null ? List.of() : List.copyOf(emailTo);
  }

  @Override
  public String orderingKey() {
    return meetingId;
  }
}
