package io.budai.orchestrator.workflow;

import io.budai.contracts.RedisKeys;
import io.budai.orchestrator.workflow.StateMachine.IllegalTransitionException;
import io.budai.orchestrator.workflow.StepHandler.PermanentStepException;
import io.budai.platform.http.ServiceClient.DownstreamUnavailableException;
import io.budai.platform.web.CorrelationIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Drives workflows: claims due timers, runs steps through their {@link StepHandler}s and applies
 * each outcome as a transition of the {@link StateMachine} through the {@link WorkflowStore}.
 *
 * <p>Any replica may drive any workflow; the version compare-and-set makes exactly one win each
 * transition. A replica renews the leases of the steps it runs; a replica that dies stops renewing,
 * its workflows' timers come due at the lease deadline, and another replica takes them over. Work
 * started by an event runs at once on this replica (no timer round trip); delays, back-offs and
 * recoveries go through {@code budai:timers}.
 */
public class WorkflowEngine implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkflowEngine.class);

  private final WorkflowStore store;
  private final StateMachine machine;
  private final Map<Step, StepHandler> handlers = new EnumMap<>(Step.class);
  private final Clock clock;
  private final WorkflowMetrics metrics;
  private final String owner;
  private final Duration pollInterval;
  private final int batch;
  private final Duration claimLease;
  private final Duration breakerWait;
  private final Semaphore permits;
  private final Map<String, Workflow> inFlight = new ConcurrentHashMap<>();
  private volatile boolean running;
  private volatile boolean stopping;
  private @Nullable ExecutorService workers;
  private @Nullable ScheduledExecutorService scheduler;

  public WorkflowEngine(
      WorkflowStore store,
      StateMachine machine,
      List<StepHandler> stepHandlers,
      Clock clock,
      WorkflowMetrics metrics,
      String owner,
      Duration pollInterval,
      int batch,
      Duration claimLease,
      Duration breakerWait,
      int maxConcurrency) {
    this.store = store;
    this.machine = machine;
    stepHandlers.forEach(h -> handlers.put(h.step(), h));
    this.clock = clock;
    this.metrics = metrics;
    this.owner = owner;
    this.pollInterval = pollInterval;
    this.batch = batch;
    this.claimLease = claimLease;
    this.breakerWait = breakerWait;
    this.permits = new Semaphore(maxConcurrency);
  }

  /** This replica's name, recorded as the owner of the steps it runs. */
  public String owner() {
    return owner;
  }

  /**
   * Creates a workflow and, when its first step is due, runs it on this replica.
   *
   * @param id the workflow id (deterministic ids make a redelivered start a no-op)
   * @return the new workflow, or empty when it exists already (a meeting has one meeting workflow)
   */
  public Optional<Workflow> start(
      String id,
      WorkflowKind kind,
      String meetingId,
      @Nullable String userId,
      @Nullable String correlationId,
      WorkflowContext context,
      Instant dueAt) {
    Instant now = clock.instant();
    Workflow wf = machine.create(id, kind, meetingId, userId, correlationId, context, now, dueAt);
    boolean due = !dueAt.isAfter(now);
    // A due workflow is claimed by its creator (timer pushed out by the claim lease): if this
    // replica dies before starting it, the timer comes due and another replica does.
    if (!store.create(wf, due ? now.plus(claimLease) : dueAt)) {
      return Optional.empty();
    }
    metrics.transition(null, wf);
    if (due) {
      kick(id);
    }
    return Optional.of(wf);
  }

  /** Drives workflow {@code id} on a worker of this replica (a no-op when nothing is due). */
  public void kick(String id) {
    ExecutorService executor = workers;
    if (executor == null || stopping) {
      return;
    }
    try {
      executor.execute(() -> drive(id));
    } catch (RejectedExecutionException shuttingDown) {
      // the timer is still there: another replica (or this one after a restart) picks it up
    }
  }

  /** Resumes a failed workflow at its failed step with fresh attempts (the API's retry). */
  public Workflow retry(String id) {
    Workflow resumed = transition(id, wf -> machine.resume(wf, clock.instant()));
    kick(id);
    return resumed;
  }

  /** Cancels a workflow that has not ended (the API's cancel). */
  public Workflow cancel(String id) {
    return transition(id, wf -> machine.cancel(wf, clock.instant()));
  }

  private Workflow transition(String id, UnaryOperator<Workflow> change) {
    for (int tries = 0; tries < 20; tries++) {
      Workflow wf = store.load(id).orElseThrow(() -> new WorkflowNotFoundException(id));
      Workflow next = change.apply(wf);
      if (store.apply(wf, next, timerFor(next, false), Map.of(), List.of(), null)) {
        metrics.transition(wf, next);
        return next;
      }
    }
    throw new IllegalStateException("workflow " + id + " kept changing; try again");
  }

  /** Runs whatever is due of workflow {@code id}, step after step, while it stays due. */
  void drive(String id) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      Workflow wf = store.load(id).orElse(null);
      if (wf == null) {
        store.resyncTimer(id);
        return;
      }
      String correlationId = wf.correlationId() != null ? wf.correlationId() : wf.id();
      Workflow current = wf;
      CorrelationIds.runWith(correlationId, () -> run(current));
    } catch (RuntimeException e) {
      if (!stopping) {
        log.warn("Driving workflow {} failed; its timer retries it", id, e);
      }
    } finally {
      permits.release();
    }
  }

  private void run(Workflow wf) {
    Workflow current = acquire(wf);
    while (current != null && !stopping) {
      Workflow after = runStep(current);
      if (after == null) {
        return;
      }
      if (after.status() == WorkflowStatus.RUNNING) {
        current = after;
      } else if (after.status() == WorkflowStatus.WAITING && after.dueBy(clock.instant())) {
        current = acquire(after);
      } else {
        return;
      }
    }
  }

  /**
   * Takes the lease of {@code wf}'s due step for this replica: starts a pending or waiting step, or
   * takes over a running one whose lease expired. Null when there is nothing to do now.
   */
  private @Nullable Workflow acquire(Workflow wf) {
    Instant now = clock.instant();
    if (wf.status().terminal() || !wf.dueBy(now)) {
      store.resyncTimer(wf.id());
      return null;
    }
    boolean takeover = wf.status() == WorkflowStatus.RUNNING;
    Workflow next = takeover ? machine.takeOver(wf, owner, now) : machine.start(wf, owner, now);
    if (!store.apply(wf, next, timerFor(next, false), Map.of(), List.of(), takeover ? now : null)) {
      store.resyncTimer(wf.id());
      return null;
    }
    metrics.transition(wf, next);
    if (takeover) {
      metrics.retry(wf, "takeover");
      log.info("Took over step {} of workflow {} from {}", wf.step().wire(), wf.id(), wf.owner());
    }
    return next.status() == WorkflowStatus.RUNNING ? next : null;
  }

  /** Runs the current step of {@code wf} (leased by this replica) and applies its outcome. */
  private @Nullable Workflow runStep(Workflow wf) {
    StepHandler handler = handlers.get(wf.step());
    if (handler == null) {
      throw new IllegalStateException("no handler for step " + wf.step());
    }
    Instant started = clock.instant();
    inFlight.put(wf.id(), wf);
    StepHandler.Outcome outcome;
    RuntimeException failure = null;
    try {
      outcome = handler.run(wf, name -> store.result(wf, name));
    } catch (RuntimeException e) {
      outcome = null;
      failure = e;
    } finally {
      inFlight.remove(wf.id());
    }
    if (stopping) {
      // Abandon: this replica is going away; the lease runs out and another replica re-runs it.
      return null;
    }
    Instant now = clock.instant();
    Workflow next;
    Map<String, String> resultValues = Map.of();
    List<? extends io.budai.contracts.events.DomainEvent> events = List.of();
    String outcomeTag;
    if (failure == null) {
      Map<String, String> refs = new HashMap<>();
      outcome.results().keySet().forEach(n -> refs.put(n, RedisKeys.workflowResult(wf.id(), n)));
      next = machine.succeed(wf, now, outcome.context(), refs);
      resultValues = outcome.results();
      events = outcome.events();
      outcomeTag = "succeeded";
    } else {
      String error = "step " + wf.step().wire() + ": " + DownstreamCallException.describe(failure);
      if (failure instanceof DownstreamCallException call) {
        error = "step " + wf.step().wire() + ": " + call.getMessage();
      }
      switch (classify(failure)) {
        case PAUSE -> {
          next = machine.pause(wf, now, error, breakerWait);
          outcomeTag = "paused";
          metrics.retry(wf, "circuit_open");
        }
        case FAIL -> {
          next = machine.fail(wf, now, error);
          outcomeTag = "failed";
        }
        default -> {
          next = machine.retryLater(wf, now, error);
          outcomeTag = next.status() == WorkflowStatus.FAILED ? "failed" : "retrying";
          metrics.retry(wf, "error");
        }
      }
      log.info("Workflow {} {}: {}", wf.id(), outcomeTag, error);
    }
    metrics.stepDuration(wf, outcomeTag, Duration.between(started, now));
    boolean continueHere = next.status() == WorkflowStatus.WAITING && next.dueBy(now);
    if (!store.apply(wf, next, timerFor(next, continueHere), resultValues, events, null)) {
      // cancelled, or taken over after this replica stalled past its lease: discard the outcome
      log.info("Workflow {} changed while step {} ran; outcome discarded", wf.id(), wf.step());
      return null;
    }
    metrics.transition(wf, next);
    return next;
  }

  /**
   * The timer of a workflow in state {@code wf}: none when it ended, the lease deadline while
   * running, the due time while waiting — or, when this replica goes on with it at once, the due
   * time pushed out by the claim lease so that other replicas leave it alone.
   */
  private @Nullable Instant timerFor(Workflow wf, boolean continueHere) {
    if (wf.status().terminal() || wf.dueAt() == null) {
      return null;
    }
    if (continueHere) {
      return clock.instant().plus(claimLease);
    }
    return wf.dueAt();
  }

  private enum Handling {
    RETRY,
    PAUSE,
    FAIL
  }

  private static Handling classify(Throwable failure) {
    Throwable cause = failure instanceof DownstreamCallException ? failure.getCause() : failure;
    if (cause instanceof DownstreamUnavailableException) {
      return Handling.PAUSE;
    }
    if (cause instanceof PermanentStepException || cause instanceof IllegalTransitionException) {
      return Handling.FAIL;
    }
    if (cause instanceof HttpClientErrorException client) {
      int status = client.getStatusCode().value();
      return status == 429 || status == 408 ? Handling.RETRY : Handling.FAIL;
    }
    return Handling.RETRY;
  }

  /** Claims due timers (as many as this replica has room for) and drives their workflows. */
  void pollTimers() {
    if (stopping) {
      return;
    }
    int room = Math.min(batch, permits.availablePermits());
    if (room <= 0) {
      return;
    }
    Instant now = clock.instant();
    Map<String, Instant> due = store.claimDue(now, room, claimLease);
    due.forEach(
        (id, at) -> {
          metrics.timerLag(Duration.between(at, now));
          kick(id);
        });
  }

  /** Extends the leases of the steps this replica is running. */
  void renewLeases() {
    Instant until = clock.instant().plus(machine.lease());
    for (Workflow wf : inFlight.values()) {
      if (stopping) {
        return;
      }
      try {
        if (!store.renewLease(wf, until) && inFlight.containsKey(wf.id())) {
          log.warn("Lost the lease of workflow {} step {}", wf.id(), wf.step().wire());
        }
      } catch (RuntimeException e) {
        log.warn("Could not renew the lease of workflow {}", wf.id(), e);
      }
    }
  }

  /** Workflows this replica is running a step of now. */
  public int inFlight() {
    return inFlight.size();
  }

  @Override
  public void start() {
    stopping = false;
    workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("workflow-", 0).factory());
    ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("workflow-timers").daemon().factory());
    long poll = Math.max(10, pollInterval.toMillis());
    timers.scheduleWithFixedDelay(this::safePoll, poll, poll, TimeUnit.MILLISECONDS);
    long renew = Math.max(50, machine.lease().toMillis() / 3);
    timers.scheduleWithFixedDelay(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(this::refreshMetrics, 0, 10, TimeUnit.SECONDS);
    scheduler = timers;
    running = true;
  }

  private void safePoll() {
    try {
      pollTimers();
    } catch (RuntimeException e) {
      if (!stopping) {
        log.warn("Polling timers failed", e);
      }
    }
  }

  private void refreshMetrics() {
    try {
      metrics.refresh(store.stats(), store.timerCount());
    } catch (RuntimeException e) {
      if (!stopping) {
        log.debug("Refreshing workflow metrics failed", e);
      }
    }
  }

  @Override
  public void stop() {
    stopping = true;
    running = false;
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (workers != null) {
      workers.shutdownNow();
      try {
        workers.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // stop before the web server and the Redis connections go away
    return SmartLifecycle.DEFAULT_PHASE - 100;
  }

  /** No workflow with that id. */
  public static final class WorkflowNotFoundException extends RuntimeException {
    public WorkflowNotFoundException(String id) {
      super("no workflow " + id);
    }
  }
}
