package io.budai.orchestrator.workflow;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The kinds of workflow and the steps each runs, in order. */
public enum WorkflowKind {
  /** Started by meeting.completed: summary, a delay, the follow-up drafts, delivery. */
  MEETING(List.of(Step.SUMMARIZE, Step.WAIT_FOLLOWUP, Step.FOLLOWUP, Step.DELIVER)),
  /** Started by calendar.meeting.upcoming, due the prep lead time before the meeting. */
  PREP(List.of(Step.BRIEF, Step.DELIVER)),
  /** Started by {@code /loop summary <meeting>}: a fresh summary posted where it was asked for. */
  SUMMARY(List.of(Step.SUMMARIZE, Step.DELIVER));

  private final List<Step> steps;

  WorkflowKind(List<Step> steps) {
    this.steps = steps;
  }

  /** The steps in the order they run. */
  public List<Step> steps() {
    return steps;
  }

  /** The first step. */
  public Step first() {
    return steps.getFirst();
  }

  /** The step after {@code step}, or null when {@code step} is the last. */
  public @Nullable Step next(Step step) {
    int index = steps.indexOf(step);
    if (index < 0) {
      throw new IllegalArgumentException(step + " is not a step of " + this);
    }
    return index + 1 < steps.size() ? steps.get(index + 1) : null;
  }

  /** The name stored in Redis and shown in the API and in events. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code wire}, or null when there is none. */
  public static @Nullable WorkflowKind fromWire(@Nullable String wire) {
    if (wire == null) {
      return null;
    }
    for (WorkflowKind kind : values()) {
      if (kind.wire().equals(wire)) {
        return kind;
      }
    }
    return null;
  }
}
