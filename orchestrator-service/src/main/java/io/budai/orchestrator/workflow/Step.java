package io.budai.orchestrator.workflow;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A step of a workflow. A {@linkplain #timed() timed} step does no work: the workflow waits in it
 * until its timer is due, then moves on.
 */
public enum Step {
  /** Fetch the transcript, ask summarizer-agent for a summary, publish summary.generated. */
  SUMMARIZE(false),
  /** Wait {@code ORCHESTRATOR_FOLLOWUP_DELAY} after the summary before drafting the follow-up. */
  WAIT_FOLLOWUP(true),
  /** Ask followup-agent for the follow-up drafts (email and Slack). */
  FOLLOWUP(false),
  /** Post to Slack and send the email; publish followup.sent. */
  DELIVER(false),
  /** Compose the prep brief of an upcoming calendar meeting. */
  BRIEF(false);

  private final boolean timed;

  Step(boolean timed) {
    this.timed = timed;
  }

  /** Whether the step only waits for its timer. */
  public boolean timed() {
    return timed;
  }

  /** The name stored in Redis and shown in the API and in events. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The step named {@code wire}, or null when there is none. */
  public static @Nullable Step fromWire(@Nullable String wire) {
    if (wire == null) {
      return null;
    }
    for (Step step : values()) {
      if (step.wire().equals(wire)) {
        return step;
      }
    }
    return null;
  }
}
