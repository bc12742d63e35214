package io.budai.contracts.events;

import org.jspecify.annotations.Nullable;

/**
 * The payload of an event on {@code budai:events}. Every v1 type of DESIGN.md §3 is one record;
 * {@link EventTypes} gives each its stable wire name and version.
 */
public sealed interface DomainEvent
    permits SlackCommand,
        SlackEvent,
        VoiceCallStarted,
        VoiceCallEnded,
        BotRequested,
        BotStatusChanged,
        MeetingStarted,
        MeetingCompleted,
        CalendarMeetingUpcoming,
        SummaryGenerated,
        FollowupDrafted,
        FollowupSent,
        WorkflowStateChanged,
        UsageRecorded,
        ApiKeyRevoked {

  /**
   * Events with the same key are handled in publication order within a consumer (for example every
   * event of one meeting); null means no ordering constraint.
   */
  default @Nullable String orderingKey() {
    return null;
  }
}
