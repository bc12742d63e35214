package io.budai.contracts.events;

import org.jspecify.annotations.Nullable;

/**
 * {@code workflow.state.changed}: a workflow moved from one status or step to another; producer:
 * orchestrator, written in the same Lua script as the transition.
 *
 * @param workflowId the workflow
 * @param kind {@code meeting} or {@code prep}
 * @param meetingId the meeting it works on, or null
 * @param from previous status, or null for a new workflow
 * @param to new status ({@code pending}, {@code running}, {@code waiting}, {@code completed},
 *     {@code failed}, {@code cancelled})
 * @param step the current step ({@code summarize}, {@code wait_followup}, …), or null
 * @param attempt attempt of the current step, from 1
 * @param error the last error, or null
 */
public record WorkflowStateChanged(
    String workflowId,
    String kind,
    @Nullable String meetingId,
    @Nullable String from,
    String to,
    @Nullable String step,
    int attempt,
    @Nullable String error)
    implements DomainEvent {

  @Override
  public String orderingKey() {
    return workflowId;
  }
}
