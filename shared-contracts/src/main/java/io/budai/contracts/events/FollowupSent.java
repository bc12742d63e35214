package io.budai.contracts.events;

import java.util.List;

/**
 * {@code followup.sent}: the follow-up was delivered; producer: orchestrator.
 *
 * @param meetingId BudAI meeting id
 * @param workflowId the meeting workflow
 * @param channels where it was delivered ({@code slack}, {@code email})
 * @param emailTo email recipients
 */
public record FollowupSent(
    String meetingId, String workflowId, List<String> channels, List<String> emailTo)
    implements DomainEvent {

  public FollowupSent {
    channels = channels == null ? List.of() : List.copyOf(channels);
    emailTo = emailTo == null ? List.of() : List.copyOf(emailTo);
  }

  @Override
  public String orderingKey() {
    return meetingId;
  }
}
