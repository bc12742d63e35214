package io.budai.orchestrator.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The state of one workflow, as stored in its hash {@code budai:workflow:{id}} (see {@link
 * WorkflowStore} for the layout).
 *
 * @param id the workflow id
 * @param kind what it does
 * @param meetingId the meeting it is about (a calendar event id for prep workflows)
 * @param userId the BudAI user who owns the meeting; only they see the workflow
 * @param correlationId the correlation id of the event that started it, carried by every call and
 *     event of the workflow
 * @param status where it is
 * @param step the current step (the failed one when failed, the last one when completed)
 * @param completedSteps the steps done, in order
 * @param attempt the attempt of the current step (1-based)
 * @param lastError the last error seen, cleared when a step succeeds
 * @param context what it knows about the meeting
 * @param results result name → Redis key of the stored result (summary, follow-up drafts)
 * @param history every step run with timings, newest last, bounded
 * @param owner the replica holding the lease while running
 * @param version compare-and-set version, incremented by every transition
 * @param createdAt creation time
 * @param updatedAt time of the last transition
 * @param dueAt when the workflow next needs attention: the wake-up time when pending or waiting,
 *     the lease deadline when running, null when terminal
 */
public record Workflow(
    String id,
    WorkflowKind kind,
    String meetingId,
    @Nullable String userId,
    @Nullable String correlationId,
    WorkflowStatus status,
    Step step,
    List<Step> completedSteps,
    int attempt,
    @Nullable String lastError,
    WorkflowContext context,
    Map<String, String> results,
    List<StepRun> history,
    @Nullable String owner,
    long version,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant dueAt) {

  public Workflow {
    completedSteps = List.copyOf(completedSteps);
    results = Map.copyOf(results);
    history = List.copyOf(history);
  }

  /** Whether the workflow's timer or lease is due at {@code now}. */
  public boolean dueBy(Instant now) {
    return dueAt != null && !dueAt.isAfter(now);
  }

  Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with some fields changed; used by {@link StateMachine}. */
  static final class Builder {
    private final Workflow from;
    WorkflowStatus status;
    Step step;
    List<Step> completedSteps;
    int attempt;
    @Nullable String lastError;
    WorkflowContext context;
    Map<String, String> results;
    List<StepRun> history;
    @Nullable String owner;
    Instant updatedAt;
    @Nullable Instant dueAt;

    private Builder(Workflow from) {
      this.from = from;
      status = from.status;
      step = from.step;
      completedSteps = from.completedSteps;
      attempt = from.attempt;
      lastError = from.lastError;
      context = from.context;
      results = from.results;
      history = from.history;
      owner = from.owner;
      updatedAt = from.updatedAt;
      dueAt = from.dueAt;
    }

    Workflow build() {
      return new Workflow(
          from.id,
          from.kind,
          from.meetingId,
          from.userId,
          from.correlationId,
          status,
          step,
          completedSteps,
          attempt,
          lastError,
          context,
          results,
          history,
          owner,
          from.version + 1,
          from.createdAt,
          updatedAt,
          dueAt);
    }
  }
}
