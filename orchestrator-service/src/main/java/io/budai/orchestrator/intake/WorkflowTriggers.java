package io.budai.orchestrator.intake;

import io.budai.contracts.UuidV7;
import io.budai.contracts.events.CalendarMeetingUpcoming;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.contracts.events.SlackCommand;
import io.budai.orchestrator.workflow.Workflow;
import io.budai.orchestrator.workflow.WorkflowContext;
import io.budai.orchestrator.workflow.WorkflowEngine;
import io.budai.orchestrator.workflow.WorkflowKind;
import io.budai.orchestrator.workflow.WorkflowStore;
import io.budai.platform.bus.EventHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts workflows from events. Each start is idempotent: a meeting has one meeting workflow (the
 * by-meeting key), and prep and on-demand summary workflows have ids derived from what started
 * them, so a redelivered or repeated event starts nothing new.
 */
public class WorkflowTriggers {

  private static final Logger log = LoggerFactory.getLogger(WorkflowTriggers.class);

  private final WorkflowEngine engine;
  private final WorkflowStore store;
  private final Clock clock;
  private final Duration prepLeadTime;

  public WorkflowTriggers(
      WorkflowEngine engine, WorkflowStore store, Clock clock, Duration prepLeadTime) {
    this.engine = engine;
    this.store = store;
    this.clock = clock;
    this.prepLeadTime = prepLeadTime;
  }

  /** {@code meeting.completed} → the meeting workflow (once per meeting). */
  @EventHandler
  public void onMeetingCompleted(EventEnvelope<MeetingCompleted> envelope) {
    MeetingCompleted event = envelope.payload();
    if (store.idForMeeting(event.meetingId()).isPresent()) {
      log.debug("Meeting {} has its workflow already", event.meetingId());
      return;
    }
    WorkflowContext context =
        new WorkflowContext(null, event.slackChannelId(), null, List.of(), null, null, null, null);
    engine
        .start(
            UuidV7.next(),
            WorkflowKind.MEETING,
            event.meetingId(),
            event.userId() != null ? event.userId() : envelope.userId(),
            envelope.correlationId(),
            context,
            clock.instant())
        .ifPresent(wf -> log.info("Started workflow {} for meeting {}", wf.id(), wf.meetingId()));
  }

  /** {@code calendar.meeting.upcoming} → a prep workflow due the lead time before it starts. */
  @EventHandler
  public void onCalendarMeetingUpcoming(EventEnvelope<CalendarMeetingUpcoming> envelope) {
    CalendarMeetingUpcoming event = envelope.payload();
    Instant now = clock.instant();
    if (!event.startsAt().isAfter(now)) {
      log.info("Calendar meeting {} started already; no prep brief", event.meetingId());
      return;
    }
    Instant due = event.startsAt().minus(prepLeadTime);
    WorkflowContext context =
        new WorkflowContext(
            event.title(),
            null,
            null,
            event.attendees(),
            event.startsAt(),
            event.description(),
            null,
            null);
    engine.start(
        derivedId("prep", event.meetingId() + "@" + event.startsAt().toEpochMilli()),
        WorkflowKind.PREP,
        event.meetingId(),
        envelope.userId(),
        envelope.correlationId(),
        context,
        due.isBefore(now) ? now : due);
  }

  /**
   * {@code slack.command} {@code /loop summary <meeting_id>} → a fresh summary posted in the
   * channel it was asked in; other commands belong to slack-integration.
   */
  @EventHandler
  public void onSlackCommand(EventEnvelope<SlackCommand> envelope) {
    SlackCommand command = envelope.payload();
    String[] words = command.text() == null ? new String[0] : command.text().strip().split("\\s+");
    if (words.length < 2 || !"summary".equals(words[0].toLowerCase(Locale.ROOT))) {
      return;
    }
    String meetingId = words[1];
    String owner = ownerOf(meetingId, envelope.userId());
    WorkflowContext context =
        new WorkflowContext(
            null, command.channelId(), null, List.of(), null, null, command.userId(), null);
    engine.start(
        derivedId("summary", envelope.id()),
        WorkflowKind.SUMMARY,
        meetingId,
        owner,
        envelope.correlationId(),
        context,
        clock.instant());
  }

  /** The BudAI user of the meeting, from its meeting workflow; else the command's user. */
  private @Nullable String ownerOf(String meetingId, @Nullable String fallback) {
    return store
        .idForMeeting(meetingId)
        .flatMap(store::load)
        .map(Workflow::userId)
        .orElse(fallback);
  }

  /** A stable workflow id for what started it, so a repeated start is recognised. */
  static String derivedId(String kind, String source) {
    return UUID.nameUUIDFromBytes((kind + ":" + source).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
