package io.budai.contracts.events;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The catalogue of event types: stable wire name ⇄ payload record ⇄ version (DESIGN.md §3). Wire
 * names never change and are never Java class names; a breaking change of a payload is a new
 * version with a new record, and consumers keep reading the old version.
 */
public final class EventTypes {

  /**
   * One entry of the catalogue.
   *
   * @param type stable wire name, e.g. {@code meeting.completed}
   * @param version payload version
   * @param payloadClass the record carrying it
   */
  public record EventType(String type, int version, Class<? extends DomainEvent> payloadClass) {}

  public static final String SLACK_COMMAND = "slack.command";
  public static final String SLACK_EVENT = "slack.event";
  public static final String VOICE_CALL_STARTED = "voice.call.started";
  public static final String VOICE_CALL_ENDED = "voice.call.ended";
  public static final String BOT_REQUESTED = "bot.requested";
  public static final String BOT_STATUS_CHANGED = "bot.status.changed";
  public static final String MEETING_STARTED = "meeting.started";
  public static final String MEETING_COMPLETED = "meeting.completed";
  public static final String CALENDAR_MEETING_UPCOMING = "calendar.meeting.upcoming";
  public static final String SUMMARY_GENERATED = "summary.generated";
  public static final String FOLLOWUP_DRAFTED = "followup.drafted";
  public static final String FOLLOWUP_SENT = "followup.sent";
  public static final String WORKFLOW_STATE_CHANGED = "workflow.state.changed";
  public static final String USAGE_RECORDED = "usage.recorded";
  public static final String APIKEY_REVOKED = "apikey.revoked";

  private static final Map<Class<? extends DomainEvent>, EventType> BY_CLASS =
      new LinkedHashMap<>();
  private static final Map<String, EventType> BY_TYPE_AND_VERSION = new HashMap<>();

  static {
    register(SLACK_COMMAND, 1, SlackCommand.class);
    register(SLACK_EVENT, 1, SlackEvent.class);
    register(VOICE_CALL_STARTED, 1, VoiceCallStarted.class);
    register(VOICE_CALL_ENDED, 1, VoiceCallEnded.class);
    register(BOT_REQUESTED, 1, BotRequested.class);
    register(BOT_STATUS_CHANGED, 1, BotStatusChanged.class);
    register(MEETING_STARTED, 1, MeetingStarted.class);
    register(MEETING_COMPLETED, 1, MeetingCompleted.class);
    register(CALENDAR_MEETING_UPCOMING, 1, CalendarMeetingUpcoming.class);
    register(SUMMARY_GENERATED, 1, SummaryGenerated.class);
    register(FOLLOWUP_DRAFTED, 1, FollowupDrafted.class);
    register(FOLLOWUP_SENT, 1, FollowupSent.class);
    register(WORKFLOW_STATE_CHANGED, 1, WorkflowStateChanged.class);
    register(USAGE_RECORDED, 1, UsageRecorded.class);
    register(APIKEY_REVOKED, 1, ApiKeyRevoked.class);
  }

  private EventTypes() {}

  private static void register(String type, int version, Class<? extends DomainEvent> payload) {
    EventType entry = new EventType(type, version, payload);
    if (BY_CLASS.put(payload, entry) != null
        || BY_TYPE_AND_VERSION.put(type + "@" + version, entry) != null) {
      throw new IllegalStateException("Event type registered twice: " + entry);
    }
  }

  /** The catalogue entry of a payload record; every permitted {@link DomainEvent} has one. */
  public static EventType of(Class<? extends DomainEvent> payloadClass) {
    EventType entry = BY_CLASS.get(payloadClass);
    if (entry == null) {
      throw new IllegalArgumentException("Not a catalogued event: " + payloadClass.getName());
    }
    return entry;
  }

  /** The catalogue entry of a payload. */
  public static EventType of(DomainEvent event) {
    return of(event.getClass());
  }

  /** The wire name of a payload record. */
  public static String typeOf(Class<? extends DomainEvent> payloadClass) {
    return of(payloadClass).type();
  }

  /** The entry for a wire name and version, if this build knows it. */
  public static Optional<EventType> find(@Nullable String type, int version) {
    return Optional.ofNullable(BY_TYPE_AND_VERSION.get(type + "@" + version));
  }

  /** Whether this build knows any version of the wire name. */
  public static boolean isKnown(@Nullable String type) {
    return BY_CLASS.values().stream().anyMatch(e -> e.type().equals(type));
  }

  /** Every catalogued type and version. */
  public static Collection<EventType> all() {
    return java.util.Collections.unmodifiableCollection(BY_CLASS.values());
  }
}
