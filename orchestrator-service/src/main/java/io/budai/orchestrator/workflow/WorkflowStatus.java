package io.budai.orchestrator.workflow;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Where a workflow is in its life (DESIGN.md §4); the wire names are the lower-case forms. */
public enum WorkflowStatus {
  /** Created, its first step is due now. */
  PENDING,
  /** A replica holds the lease on the current step and is running it. */
  RUNNING,
  /** Waiting for a timer: a configured delay, a retry back-off or an open circuit. */
  WAITING,
  /** Every step succeeded. */
  COMPLETED,
  /**
   * A step failed for good; the error is kept and {@code POST /workflows/{id}/retry} resumes it.
   */
  FAILED,
  /** Stopped through {@code POST /workflows/{id}/cancel}. */
  CANCELLED;

  /** The name stored in Redis and shown in the API and in events. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether nothing more happens to the workflow on its own. */
  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** The status named {@code wire}, or null when there is none. */
  public static @Nullable WorkflowStatus fromWire(@Nullable String wire) {
    if (wire == null) {
      return null;
    }
    for (WorkflowStatus status : values()) {
      if (status.wire().equals(wire)) {
        return status;
      }
    }
    return null;
  }
}
