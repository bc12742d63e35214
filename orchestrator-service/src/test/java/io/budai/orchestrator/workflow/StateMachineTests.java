package io.budai.orchestrator.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budai.orchestrator.workflow.StateMachine.IllegalTransitionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateMachineTests {

  static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  final StateMachine machine =
      new StateMachine(
          Duration.ofSeconds(30),
          3,
          Duration.ofMinutes(15),
          Duration.ofSeconds(10),
          Duration.ofMinutes(1));

  Workflow meeting() {
    return machine.create(
        "wf-1", WorkflowKind.MEETING, "m-1", "u-1", "corr-1", WorkflowContext.empty(), T0, T0);
  }

  @Test
  void meetingWorkflowWalksSummarizeWaitFollowupDeliver() {
    Workflow created = meeting();
    assertThat(created.status()).isEqualTo(WorkflowStatus.PENDING);
    assertThat(created.step()).isEqualTo(Step.SUMMARIZE);
    assertThat(created.version()).isEqualTo(1);

    Workflow summarizing = machine.start(created, "replica-a", T0);
    assertThat(summarizing.status()).isEqualTo(WorkflowStatus.RUNNING);
    assertThat(summarizing.owner()).isEqualTo("replica-a");
    assertThat(summarizing.dueAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(summarizing.version()).isEqualTo(2);

    Instant t1 = T0.plusSeconds(5);
    Workflow waiting =
        machine.succeed(summarizing, t1, null, Map.of("summary", "budai:workflow:wf-1:summary"));
    assertThat(waiting.status()).isEqualTo(WorkflowStatus.WAITING);
    assertThat(waiting.step()).isEqualTo(Step.WAIT_FOLLOWUP);
    assertThat(waiting.dueAt()).isEqualTo(t1.plus(Duration.ofMinutes(15)));
    assertThat(waiting.owner()).isNull();
    assertThat(waiting.completedSteps()).containsExactly(Step.SUMMARIZE);
    assertThat(waiting.results()).containsEntry("summary", "budai:workflow:wf-1:summary");

    Instant t2 = waiting.dueAt();
    Workflow drafting = machine.start(waiting, "replica-b", t2);
    assertThat(drafting.status()).isEqualTo(WorkflowStatus.RUNNING);
    assertThat(drafting.step()).isEqualTo(Step.FOLLOWUP);
    assertThat(drafting.attempt()).isEqualTo(1);
    assertThat(drafting.completedSteps()).containsExactly(Step.SUMMARIZE, Step.WAIT_FOLLOWUP);

    Workflow delivering = machine.succeed(drafting, t2.plusSeconds(1), null, Map.of());
    assertThat(delivering.status()).isEqualTo(WorkflowStatus.RUNNING);
    assertThat(delivering.step()).isEqualTo(Step.DELIVER);
    assertThat(delivering.owner()).isEqualTo("replica-b");

    Workflow done = machine.succeed(delivering, t2.plusSeconds(2), null, Map.of());
    assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
    assertThat(done.dueAt()).isNull();
    assertThat(done.completedSteps())
        .containsExactly(Step.SUMMARIZE, Step.WAIT_FOLLOWUP, Step.FOLLOWUP, Step.DELIVER);
    assertThat(done.history())
        .extracting(StepRun::step, StepRun::outcome, StepRun::owner)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("summarize", "succeeded", "replica-a"),
            org.assertj.core.groups.Tuple.tuple("followup", "succeeded", "replica-b"),
            org.assertj.core.groups.Tuple.tuple("deliver", "succeeded", "replica-b"));
    assertThat(done.history().get(0).duration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(done.version()).isEqualTo(6);
  }

  @Test
  void prepWorkflowWaitsForItsLeadTimeThenBriefsAndDelivers() {
    Instant due = T0.plus(Duration.ofHours(1));
    Workflow prep =
        machine.create(
            "wf-2", WorkflowKind.PREP, "gcal:e1", "u-1", null, WorkflowContext.empty(), T0, due);
    assertThat(prep.status()).isEqualTo(WorkflowStatus.WAITING);
    assertThat(prep.step()).isEqualTo(Step.BRIEF);
    assertThat(prep.dueAt()).isEqualTo(due);
    Workflow briefing = machine.start(prep, "r", due);
    assertThat(briefing.step()).isEqualTo(Step.BRIEF);
    Workflow delivering = machine.succeed(briefing, due, null, Map.of());
    assertThat(delivering.step()).isEqualTo(Step.DELIVER);
    assertThat(machine.succeed(delivering, due, null, Map.of()).status())
        .isEqualTo(WorkflowStatus.COMPLETED);
  }

  @Test
  void transientErrorWaitsAJitteredBackoffAndFailsWhenAttemptsAreUsedUp() {
    Workflow running = machine.start(meeting(), "r", T0);
    Workflow retry1 = machine.retryLater(running, T0, "step summarize: 503");
    assertThat(retry1.status()).isEqualTo(WorkflowStatus.WAITING);
    assertThat(retry1.step()).isEqualTo(Step.SUMMARIZE);
    assertThat(retry1.attempt()).isEqualTo(2);
    assertThat(retry1.lastError()).isEqualTo("step summarize: 503");
    assertThat(Duration.between(T0, retry1.dueAt()))
        .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(retry1.history().getLast().outcome()).isEqualTo("retrying");

    Workflow again = machine.start(retry1, "r", retry1.dueAt());
    assertThat(again.step()).isEqualTo(Step.SUMMARIZE);
    assertThat(again.attempt()).isEqualTo(2);
    Workflow retry2 = machine.retryLater(again, retry1.dueAt(), "step summarize: 503");
    assertThat(Duration.between(retry1.dueAt(), retry2.dueAt()))
        .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));

    Workflow last = machine.start(retry2, "r", retry2.dueAt());
    Workflow failed = machine.retryLater(last, retry2.dueAt(), "step summarize: 503");
    assertThat(failed.status()).isEqualTo(WorkflowStatus.FAILED);
    assertThat(failed.lastError()).contains("503").contains("gave up after 3 attempts");
    assertThat(failed.dueAt()).isNull();
  }

  @Test
  void backoffDoublesUpToItsCap() {
    assertThat(machine.backoff(1)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(machine.backoff(3)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(40));
    assertThat(machine.backoff(30)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  @Test
  void openCircuitPausesWithoutUsingAnAttempt() {
    Workflow running = machine.start(meeting(), "r", T0);
    Workflow paused = machine.pause(running, T0, "circuit open", Duration.ofSeconds(10));
    assertThat(paused.status()).isEqualTo(WorkflowStatus.WAITING);
    assertThat(paused.attempt()).isEqualTo(1);
    assertThat(paused.dueAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(paused.history().getLast().outcome()).isEqualTo("paused");
  }

  @Test
  void expiredLeaseIsTakenOverAsANewAttemptUntilAttemptsRunOut() {
    Workflow running = machine.start(meeting(), "dead", T0);
    Workflow taken = machine.takeOver(running, "alive", T0.plusSeconds(31));
    assertThat(taken.status()).isEqualTo(WorkflowStatus.RUNNING);
    assertThat(taken.owner()).isEqualTo("alive");
    assertThat(taken.attempt()).isEqualTo(2);
    assertThat(taken.lastError()).contains("dead");
    assertThat(taken.history())
        .extracting(StepRun::outcome)
        .containsExactly("abandoned", "running");
    Workflow third = machine.takeOver(taken, "alive2", T0.plusSeconds(62));
    Workflow failed = machine.takeOver(third, "alive3", T0.plusSeconds(93));
    assertThat(failed.status()).isEqualTo(WorkflowStatus.FAILED);
  }

  @Test
  void permanentFailureResumesAtTheFailedStepWithFreshAttempts() {
    Workflow running = machine.start(meeting(), "r", T0);
    Workflow failed = machine.fail(running, T0, "step summarize: 400 Bad Request");
    assertThat(failed.status()).isEqualTo(WorkflowStatus.FAILED);
    Workflow resumed = machine.resume(failed, T0.plusSeconds(60));
    assertThat(resumed.status()).isEqualTo(WorkflowStatus.PENDING);
    assertThat(resumed.step()).isEqualTo(Step.SUMMARIZE);
    assertThat(resumed.attempt()).isEqualTo(1);
    assertThat(resumed.dueAt()).isEqualTo(T0.plusSeconds(60));
    assertThatThrownBy(() -> machine.resume(resumed, T0))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("pending");
  }

  @Test
  void cancelStopsAnyUnfinishedWorkflowButNotAFinishedOne() {
    Workflow waiting = machine.succeed(machine.start(meeting(), "r", T0), T0, null, Map.of());
    Workflow cancelled = machine.cancel(waiting, T0);
    assertThat(cancelled.status()).isEqualTo(WorkflowStatus.CANCELLED);
    assertThat(cancelled.dueAt()).isNull();
    Workflow runningCancelled = machine.cancel(machine.start(meeting(), "r", T0), T0);
    assertThat(runningCancelled.history().getLast().outcome()).isEqualTo("cancelled");
    assertThatThrownBy(() -> machine.cancel(cancelled, T0))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> machine.succeed(cancelled, T0, null, Map.of()))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void historyKeepsTheNewestRuns() {
    Workflow wf = machine.start(meeting(), "r", T0);
    StateMachine patient =
        new StateMachine(Duration.ofSeconds(1), 1000, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    for (int i = 0; i < 80; i++) {
      wf = patient.start(patient.retryLater(wf, T0, "e" + i), "r", T0);
    }
    assertThat(wf.history()).hasSize(StateMachine.HISTORY_LIMIT);
    assertThat(wf.history().getLast().attempt()).isEqualTo(81);
    assertThat(List.copyOf(wf.history()).getFirst().attempt()).isEqualTo(32);
  }
}
