package io.budai.collector.meeting;

import io.budai.contracts.events.BotStatusChanged;
import io.budai.platform.bus.EventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves meetings through the status machine on {@code bot.status.changed}. A transition the machine
 * refuses (backwards, out of a final state) is logged and counted, not retried: redelivering it
 * could never make it valid. The same status twice is a no-op, so redeliveries are harmless.
 */
@Component
class BotStatusHandler {

  private static final Logger log = LoggerFactory.getLogger(BotStatusHandler.class);

  private final MeetingService meetings;
  private final MeterRegistry meters;

  BotStatusHandler(MeetingService meetings, MeterRegistry meters) {
    this.meetings = meetings;
    this.meters = meters;
  }

  @EventHandler
  void on(BotStatusChanged event) {
    long meetingId;
    try {
      meetingId = Long.parseLong(event.meetingId().trim());
    } catch (NumberFormatException e) {
      reject("invalid_meeting_id");
      log.warn("bot.status.changed for '{}': not a meeting id", event.meetingId());
      return;
    }
    String wire = event.status().name().toLowerCase(Locale.ROOT);
    Optional<MeetingStatus> target = MeetingStatus.fromBotStatus(wire);
    if (target.isEmpty()) {
      reject("unknown_status");
      log.warn("bot.status.changed for meeting {}: unknown status {}", meetingId, wire);
      return;
    }
    MeetingService.Transition transition =
        meetings.transition(meetingId, target.get(), event.reason(), "bot.status.changed");
    if (transition.isRejected()) {
      reject("invalid_transition");
      log.warn(
          "Ignoring bot.status.changed {} for meeting {}: {}",
          wire,
          meetingId,
          transition.rejection());
    }
  }

  private void reject(String reason) {
    meters.counter("collector.status.rejected", "reason", reason).increment();
  }
}
