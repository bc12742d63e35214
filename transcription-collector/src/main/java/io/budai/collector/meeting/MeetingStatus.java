package io.budai.collector.meeting;

import java.util.Locale;
import java.util.Optional;

/**
 * Vexa's meeting status machine. A meeting only moves forward along {@code requested → joining →
 * awaiting_admission → active → stopping → completed} (steps may be skipped: a bot admitted at once
 * never waits) and may fail from any state that is not final; the two final states never change.
 * This is Vexa's transition table plus forward skips, which real bots need (Recall can go from
 * joining straight to recording).
 */
public enum MeetingStatus {
  REQUESTED,
  JOINING,
  AWAITING_ADMISSION,
  ACTIVE,
  STOPPING,
  COMPLETED,
  FAILED;

  /** The wire value ({@code awaiting_admission}). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the meeting is over. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED;
  }

  /** Whether a bot for the meeting still runs (Vexa v0.12's "running" set). */
  public boolean isRunning() {
    return !isFinal();
  }

  /** Whether {@code target} is a valid next status. */
  public boolean canMoveTo(MeetingStatus target) {
    if (isFinal() || target == this) {
      return false;
    }
    return target == FAILED || target.ordinal() > ordinal();
  }

  /** The status of a wire value, accepting any case. */
  public static Optional<MeetingStatus> fromWire(String value) {
    for (MeetingStatus status : values()) {
      if (status.wire().equalsIgnoreCase(value.trim())) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  /**
   * The meeting status a bot status of {@code bot.status.changed} moves the meeting to. Accepts
   * DESIGN.md's bot vocabulary ({@code in_call}, {@code recording}, {@code leaving}, {@code ended})
   * and Vexa's meeting statuses.
   */
  public static Optional<MeetingStatus> fromBotStatus(String botStatus) {
    String value = botStatus.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "requested" -> Optional.of(REQUESTED);
      case "joining", "joining_call" -> Optional.of(JOINING);
      case "awaiting_admission", "in_waiting_room", "waiting_room" ->
          Optional.of(AWAITING_ADMISSION);
      case "in_call", "recording", "active", "in_call_recording", "in_call_not_recording" ->
          Optional.of(ACTIVE);
      case "leaving", "stopping", "call_ended" -> Optional.of(STOPPING);
      case "ended", "completed", "done" -> Optional.of(COMPLETED);
      case "failed", "fatal", "error" -> Optional.of(FAILED);
      default -> Optional.empty();
    };
  }
}
