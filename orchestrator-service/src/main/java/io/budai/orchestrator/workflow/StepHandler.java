package io.budai.orchestrator.workflow;

import io.budai.contracts.events.DomainEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs one work step of a workflow. A handler is called again for a new attempt (after an error or
 * when its replica died mid-call), so every side effect it causes carries an idempotency key of the
 * workflow and step.
 *
 * <p>A handler throws to fail: {@link PermanentStepException} or a 4xx other than 429 fails the
 * workflow at once, an open circuit pauses it, anything else is retried with back-off.
 */
public interface StepHandler {

  /** The step this handler runs. */
  Step step();

  /** Runs the step of {@code workflow}; {@code results} reads what earlier steps stored. */
  Outcome run(Workflow workflow, Results results);

  /** Stored results of earlier steps, by name. */
  interface Results {
    Optional<String> get(String name);
  }

  /**
   * What a step produced.
   *
   * @param context the workflow's context with what the step learnt, or null when unchanged
   * @param results results to store under their own keys (name → JSON)
   * @param events events to publish atomically with the step's transition
   */
  record Outcome(
      @Nullable WorkflowContext context,
      Map<String, String> results,
      List<? extends DomainEvent> events) {

    /** An outcome with nothing to store or publish. */
    public static Outcome empty() {
      return new Outcome(null, Map.of(), List.of());
    }
  }

  /** A step failure that retrying cannot fix (bad input, nothing to deliver to). */
  final class PermanentStepException extends RuntimeException {
    public PermanentStepException(String message) {
      super(message);
    }
  }
}
