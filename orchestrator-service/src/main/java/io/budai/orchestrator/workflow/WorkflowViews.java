package io.budai.orchestrator.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** What the workflow API answers (snake_case JSON). */
final class WorkflowViews {

  private WorkflowViews() {}

  /**
   * One workflow in a list.
   *
   * @param id workflow id
   * @param kind {@code meeting}, {@code prep} or {@code summary}
   * @param meetingId the meeting (calendar event for prep)
   * @param status {@code pending}, {@code running}, {@code waiting}, {@code completed}, {@code
   *     failed} or {@code cancelled}
   * @param step the current (or failed, or last) step
   * @param attempt attempt of the current step
   * @param lastError the last error, if any
   * @param completedSteps steps done
   * @param createdAt creation time
   * @param updatedAt last transition
   * @param dueAt when it next needs attention (wake-up or lease deadline)
   */
  record WorkflowItem(
      String id,
      String kind,
      String meetingId,
      String status,
      String step,
      int attempt,
      @Nullable String lastError,
      List<String> completedSteps,
      Instant createdAt,
      Instant updatedAt,
      @Nullable Instant dueAt) {

    static WorkflowItem of(Workflow wf) {
      return new WorkflowItem(
          wf.id(),
          wf.kind().wire(),
          wf.meetingId(),
          wf.status().wire(),
          wf.step().wire(),
          wf.attempt(),
          wf.lastError(),
          wf.completedSteps().stream().map(Step::wire).toList(),
          wf.createdAt(),
          wf.updatedAt(),
          wf.dueAt());
    }
  }

  /**
   * A page of workflows, newest first.
   *
   * @param workflows the page
   * @param limit page size asked for
   * @param offset matches skipped
   * @param hasMore whether more match after this page
   */
  record WorkflowPage(List<WorkflowItem> workflows, int limit, int offset, boolean hasMore) {}

  /**
   * One workflow in full.
   *
   * @param id workflow id
   * @param kind kind
   * @param meetingId the meeting
   * @param status status
   * @param step current step
   * @param attempt attempt of the current step
   * @param maxAttempts attempts a step gets
   * @param lastError the last error, if any
   * @param completedSteps steps done, in order
   * @param steps every step run with its timing, attempt, outcome and error
   * @param results stored results by name (summary, followup, delivery, brief)
   * @param context what the workflow knows about the meeting
   * @param owner the replica running it, while running
   * @param version transition count
   * @param createdAt creation time
   * @param updatedAt last transition
   * @param dueAt next wake-up or lease deadline
   */
  record WorkflowDetail(
      String id,
      String kind,
      String meetingId,
      String status,
      String step,
      int attempt,
      int maxAttempts,
      @Nullable String lastError,
      List<String> completedSteps,
      List<StepRunView> steps,
      Map<String, JsonNode> results,
      WorkflowContext context,
      @Nullable String owner,
      long version,
      Instant createdAt,
      Instant updatedAt,
      @Nullable Instant dueAt) {}

  /**
   * One run of a step.
   *
   * @param step the step
   * @param attempt its attempt
   * @param outcome running, succeeded, retrying, paused, failed, abandoned or cancelled
   * @param startedAt start
   * @param finishedAt end, null while running
   * @param durationMs run time in milliseconds, null while running
   * @param error why it did not succeed
   * @param owner the replica that ran it
   */
  record StepRunView(
      String step,
      int attempt,
      String outcome,
      Instant startedAt,
      @Nullable Instant finishedAt,
      @Nullable Long durationMs,
      @Nullable String error,
      @Nullable String owner) {

    static StepRunView of(StepRun run) {
      return new StepRunView(
          run.step(),
          run.attempt(),
          run.outcome(),
          run.startedAt(),
          run.finishedAt(),
          run.duration() == null ? null : run.duration().toMillis(),
          run.error(),
          run.owner());
    }
  }
}
