package io.budai.contracts.events;

import io.budai.contracts.dto.Attendee;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code calendar.meeting.upcoming}: a calendar meeting starts soon; producer: orchestrator
 * (calendar poller). Starts the prep workflow.
 *
 * @param meetingId BudAI meeting id
 * @param title meeting title
 * @param startsAt when it starts
 * @param attendees who is invited
 * @param description the invitation's description, or null
 */
public record CalendarMeetingUpcoming(
    String meetingId,
    String title,
    Instant startsAt,
    List<Attendee> attendees,
    @Nullable String description)
    implements DomainEvent {

  public CalendarMeetingUpcoming {
    attendees = attendees == null ? List.of() : List.copyOf(attendees);
  }

  @Override
  public String orderingKey() {
    return meetingId;
  }
}
