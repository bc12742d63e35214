package io.budai.contracts.events;

import io.budai.contracts.dto.MeetingSummary;

/**
 * {@code summary.generated}: the meeting workflow stored a summary; producer: orchestrator.
 *
 * @param meetingId BudAI meeting id
 * @param workflowId the meeting workflow
 * @param summary the summary (the summarizer's response, DESIGN.md §5)
 */
public record SummaryGenerated(String meetingId, String workflowId, MeetingSummary summary)
    implements DomainEvent {

  @Override
  public String orderingKey() {
    return meetingId;
  }
}
