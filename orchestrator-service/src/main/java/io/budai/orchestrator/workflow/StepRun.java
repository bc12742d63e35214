package io.budai.orchestrator.workflow;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One run of one step, kept in the workflow's {@code history} for the API (steps with timings,
 * attempts and errors).
 *
 * @param step the step's wire name
 * @param attempt which attempt of the step this was (1-based)
 * @param outcome {@code running}, {@code succeeded}, {@code retrying}, {@code paused} (circuit
 *     open), {@code failed}, {@code abandoned} (its replica died and another took over) or {@code
 *     cancelled}
 * @param startedAt when the run started
 * @param finishedAt when it ended, null while running
 * @param error why it did not succeed
 * @param owner the orchestrator replica that ran it
 */
public record StepRun(
    String step,
    int attempt,
    String outcome,
    Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable String error,
    @Nullable String owner) {

  /** How long the run took, or null while running. */
  public @Nullable Duration duration() {
    return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
  }

  StepRun finish(String outcome, Instant at, @Nullable String error) {
    return new StepRun(step, attempt, outcome, startedAt, at, error, owner);
  }
}
