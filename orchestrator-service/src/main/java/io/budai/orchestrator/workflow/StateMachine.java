package io.budai.orchestrator.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The workflow state machine: every allowed transition as a pure function from the current state to
 * the next. {@link WorkflowStore} writes what these return with a compare-and-set on {@code
 * version}; nothing else changes a workflow.
 *
 * <pre>
 * from        on                                   to         effect
 * —           start (meeting.completed, command)   pending    first step, due now
 * —           start (calendar.meeting.upcoming)    waiting    brief, due prep-lead before the meeting
 * pending     timer due                            running    lease = now + step lease
 * waiting     timer due, timed step (a delay)      running    the delay is done; next step, attempt 1
 * waiting     timer due, work step (a back-off)    running    same step, same attempt
 * running     step succeeded, next is work         running    next step, attempt 1
 * running     step succeeded, next is timed        waiting    due = now + its delay
 * running     step succeeded, no next step         completed  timer removed
 * running     transient error, attempts left       waiting    attempt + 1, due = jittered back-off
 * running     transient error, attempts used up    failed     error kept
 * running     permanent error (4xx other than 429) failed     error kept
 * running     circuit open                         waiting    due = breaker's open wait, attempt kept
 * running     lease expired (its replica died)     running    taken over: attempt + 1 (or failed)
 * failed      POST /workflows/{id}/retry           pending    the failed step again, attempt 1
 * pending, waiting, running  POST …/cancel         cancelled  timer removed
 * </pre>
 */
public final class StateMachine {

  /** How many step runs a workflow's history keeps. */
  static final int HISTORY_LIMIT = 50;

  private final Duration lease;
  private final int maxAttempts;
  private final Duration followupDelay;
  private final Duration retryBackoff;
  private final Duration maxRetryBackoff;

  public StateMachine(
      Duration lease,
      int maxAttempts,
      Duration followupDelay,
      Duration retryBackoff,
      Duration maxRetryBackoff) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.lease = lease;
    this.maxAttempts = maxAttempts;
    this.followupDelay = followupDelay;
    this.retryBackoff = retryBackoff;
    this.maxRetryBackoff = maxRetryBackoff;
  }

  /** How long a running step's lease lasts before another replica may take it over. */
  public Duration lease() {
    return lease;
  }

  /** The attempts a step gets before the workflow fails. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** A new workflow: pending when {@code dueAt} has come, else waiting for it. */
  public Workflow create(
      String id,
      WorkflowKind kind,
      String meetingId,
      @Nullable String userId,
      @Nullable String correlationId,
      WorkflowContext context,
      Instant now,
      Instant dueAt) {
    return new Workflow(
        id,
        kind,
        meetingId,
        userId,
        correlationId,
        dueAt.isAfter(now) ? WorkflowStatus.WAITING : WorkflowStatus.PENDING,
        kind.first(),
        List.of(),
        1,
        null,
        context,
        Map.of(),
        List.of(),
        null,
        1,
        now,
        now,
        dueAt);
  }

  /** A pending or waiting workflow whose timer is due starts (or continues with) a step. */
  public Workflow start(Workflow wf, String owner, Instant now) {
    require(wf, WorkflowStatus.PENDING, WorkflowStatus.WAITING);
    Workflow.Builder next = wf.toBuilder();
    if (wf.step().timed()) {
      Step following = wf.kind().next(wf.step());
      if (following == null || following.timed()) {
        throw new IllegalStateException("a timed step must be followed by a work step");
      }
      next.completedSteps = append(wf.completedSteps(), wf.step());
      next.step = following;
      next.attempt = 1;
    }
    next.status = WorkflowStatus.RUNNING;
    next.owner = owner;
    next.updatedAt = now;
    next.dueAt = now.plus(lease);
    next.history =
        appendRun(
            wf.history(),
            new StepRun(next.step.wire(), next.attempt, "running", now, null, null, owner));
    return next.build();
  }

  /**
   * A running workflow whose lease expired (its replica died or hung) is taken over: the step runs
   * again as a new attempt, or the workflow fails when the attempts are used up.
   */
  public Workflow takeOver(Workflow wf, String owner, Instant now) {
    require(wf, WorkflowStatus.RUNNING);
    String error =
        "step "
            + wf.step().wire()
            + " did not finish within its lease (replica "
            + wf.owner()
            + " stopped or hung)";
    List<StepRun> history = finishRun(wf.history(), "abandoned", now, error);
    Workflow.Builder next = wf.toBuilder();
    next.lastError = error;
    next.updatedAt = now;
    if (wf.attempt() >= maxAttempts) {
      next.status = WorkflowStatus.FAILED;
      next.owner = null;
      next.dueAt = null;
      next.history = history;
      return next.build();
    }
    next.attempt = wf.attempt() + 1;
    next.owner = owner;
    next.dueAt = now.plus(lease);
    next.history =
        appendRun(
            history,
            new StepRun(wf.step().wire(), next.attempt, "running", now, null, null, owner));
    return next.build();
  }

  /** The running step succeeded: on to the next step, a timed wait, or completion. */
  public Workflow succeed(
      Workflow wf, Instant now, @Nullable WorkflowContext context, Map<String, String> newResults) {
    require(wf, WorkflowStatus.RUNNING);
    Workflow.Builder next = wf.toBuilder();
    next.completedSteps = append(wf.completedSteps(), wf.step());
    next.lastError = null;
    next.updatedAt = now;
    if (context != null) {
      next.context = context;
    }
    if (!newResults.isEmpty()) {
      Map<String, String> results = new HashMap<>(wf.results());
      results.putAll(newResults);
      next.results = results;
    }
    List<StepRun> history = finishRun(wf.history(), "succeeded", now, null);
    Step following = wf.kind().next(wf.step());
    if (following == null) {
      next.status = WorkflowStatus.COMPLETED;
      next.owner = null;
      next.dueAt = null;
      next.history = history;
      return next.build();
    }
    next.step = following;
    next.attempt = 1;
    if (following.timed()) {
      next.status = WorkflowStatus.WAITING;
      next.owner = null;
      next.dueAt = now.plus(delayOf(following));
      next.history = history;
      return next.build();
    }
    next.dueAt = now.plus(lease);
    next.history =
        appendRun(
            history, new StepRun(following.wire(), 1, "running", now, null, null, wf.owner()));
    return next.build();
  }

  /**
   * The running step hit a transient error: wait a jittered back-off, or fail when out of tries.
   */
  public Workflow retryLater(Workflow wf, Instant now, String error) {
    require(wf, WorkflowStatus.RUNNING);
    if (wf.attempt() >= maxAttempts) {
      return fail(wf, now, error + " (gave up after " + wf.attempt() + " attempts)");
    }
    Workflow.Builder next = wf.toBuilder();
    next.status = WorkflowStatus.WAITING;
    next.attempt = wf.attempt() + 1;
    next.lastError = error;
    next.owner = null;
    next.updatedAt = now;
    next.dueAt = now.plus(backoff(wf.attempt()));
    next.history = finishRun(wf.history(), "retrying", now, error);
    return next.build();
  }

  /**
   * The downstream's circuit is open: wait until it may be tried again, without using up an attempt
   * (the step never reached the agent).
   */
  public Workflow pause(Workflow wf, Instant now, String error, Duration wait) {
    require(wf, WorkflowStatus.RUNNING);
    Workflow.Builder next = wf.toBuilder();
    next.status = WorkflowStatus.WAITING;
    next.lastError = error;
    next.owner = null;
    next.updatedAt = now;
    next.dueAt = now.plus(wait);
    next.history = finishRun(wf.history(), "paused", now, error);
    return next.build();
  }

  /** The running step failed for good. */
  public Workflow fail(Workflow wf, Instant now, String error) {
    require(wf, WorkflowStatus.RUNNING);
    Workflow.Builder next = wf.toBuilder();
    next.status = WorkflowStatus.FAILED;
    next.lastError = error;
    next.owner = null;
    next.updatedAt = now;
    next.dueAt = null;
    next.history = finishRun(wf.history(), "failed", now, error);
    return next.build();
  }

  /** A failed workflow resumes at its failed step with fresh attempts. */
  public Workflow resume(Workflow wf, Instant now) {
    require(wf, WorkflowStatus.FAILED);
    Workflow.Builder next = wf.toBuilder();
    next.status = WorkflowStatus.PENDING;
    next.attempt = 1;
    next.updatedAt = now;
    next.dueAt = now;
    return next.build();
  }

  /** A workflow that has not ended is cancelled; a running step's result will be discarded. */
  public Workflow cancel(Workflow wf, Instant now) {
    require(wf, WorkflowStatus.PENDING, WorkflowStatus.WAITING, WorkflowStatus.RUNNING);
    Workflow.Builder next = wf.toBuilder();
    next.status = WorkflowStatus.CANCELLED;
    next.owner = null;
    next.updatedAt = now;
    next.dueAt = null;
    if (wf.status() == WorkflowStatus.RUNNING) {
      next.history = finishRun(wf.history(), "cancelled", now, null);
    }
    return next.build();
  }

  /** The delay of a timed step. */
  Duration delayOf(Step step) {
    if (step == Step.WAIT_FOLLOWUP) {
      return followupDelay;
    }
    throw new IllegalArgumentException(step + " is not timed");
  }

  /** Exponential back-off with jitter in [cap/2, cap] after the {@code attempt}-th failure. */
  Duration backoff(int attempt) {
    long base = retryBackoff.toMillis();
    if (base <= 0) {
      return Duration.ZERO;
    }
    long cap = Math.min(maxRetryBackoff.toMillis(), base * (1L << Math.min(attempt - 1, 20)));
    return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
  }

  private static void require(Workflow wf, WorkflowStatus... allowed) {
    for (WorkflowStatus status : allowed) {
      if (wf.status() == status) {
        return;
      }
    }
    throw new IllegalTransitionException(wf, allowed);
  }

  private static List<Step> append(List<Step> steps, Step step) {
    List<Step> copy = new ArrayList<>(steps);
    copy.add(step);
    return copy;
  }

  private static List<StepRun> appendRun(List<StepRun> history, StepRun run) {
    List<StepRun> copy = new ArrayList<>(history);
    copy.add(run);
    return copy.size() > HISTORY_LIMIT
        ? copy.subList(copy.size() - HISTORY_LIMIT, copy.size())
        : copy;
  }

  private static List<StepRun> finishRun(
      List<StepRun> history, String outcome, Instant now, @Nullable String error) {
    if (history.isEmpty() || history.getLast().finishedAt() != null) {
      return history;
    }
    List<StepRun> copy = new ArrayList<>(history);
    copy.set(copy.size() - 1, copy.getLast().finish(outcome, now, error));
    return copy;
  }

  /** A transition that the current status does not allow. */
  public static final class IllegalTransitionException extends IllegalStateException {
    private final transient Workflow workflow;

    IllegalTransitionException(Workflow workflow, WorkflowStatus... allowed) {
      super(
          "workflow "
              + workflow.id()
              + " is "
              + workflow.status().wire()
              + "; this needs it to be one of "
              + java.util.Arrays.stream(allowed).map(WorkflowStatus::wire).toList());
      this.workflow = workflow;
    }

    /** The workflow as it was. */
    public Workflow workflow() {
      return workflow;
    }
  }
}
